//! Receive Tencent Cloud Live (TUILiveKit) webhooks in front of any tower
//! service: hyper, axum or tonic.
//!
//! Tencent POSTs every webhook of an application to one URL and tells them apart
//! by the `CallbackCommand` query parameter. A [`WebhookLayer<E>`](WebhookLayer)
//! claims the commands of one event type `E` on one path:
//!
//! | layer | event | `CallbackCommand` |
//! |---|---|---|
//! | `WebhookLayer<BattleCreated>` | [`BattleCreated`] | `Live.CallbackAfterCreateBattle` |
//! | `WebhookLayer<BattleStarted>` | [`BattleStarted`] | `Live.CallbackAfterStartBattle` |
//! | [`BattleWebhookLayer`] | [`BattleEnded`] | `Live.CallbackAfterEndBattle`, with every room's score |
//! | [`BattleEventsLayer`] | [`BattleEvent`] | all three, on one path |
//!
//! Other event types are a type away: implement [`WebhookEvent`].
//!
//! # What the middleware does
//!
//! A request is the webhook when its method is `POST`, its path equals the
//! configured path, and its query names the event's `CallbackCommand`. Every
//! other request goes to the inner service untouched: its body is not read and
//! nothing is added to it. So one layer per command can stack on one path.
//!
//! A webhook is checked in this order, and the first failure is the answer:
//!
//! 1. `SdkAppid` (any case) is given once, is an integer, and is one of the
//!    configured ids, or **403**. A layer with no app id refuses every webhook.
//! 2. With a callback token configured: `Sign` and `RequestTime` are given once,
//!    `RequestTime` is within the tolerance of now (default 60 s, both ways),
//!    and `Sign` equals `hex(sha256(token + RequestTime))` for one of the tokens
//!    (compared in constant time), or **401**.
//! 3. The body fits the limit (default 64 KiB): a larger `Content-Length` is
//!    refused before reading and a longer stream is cut off, **413**; a body
//!    that fails to read, **400**.
//! 4. The body decodes into the event, or **400** with an `ErrorInfo` naming the
//!    field path and position (never quoting the body). Decoding is lenient:
//!    only what cannot be understood is refused, because Tencent does not retry.
//!
//! The event is then handed on, and the middleware answers with Tencent's
//! acknowledgement ([`Ack`]): HTTP 200 with
//! `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`. Every failure is a JSON
//! FAIL acknowledgement with the status above and a stable `ErrorCode` (the
//! table is on [`Rejection`]); the inner service and the handler are never
//! called for a refused request.
//!
//! # Two modes
//!
//! - **Forward** (default, [`Forward`]): the event and the [`CallbackQuery`] are
//!   inserted into the request's extensions, the body is replaced by the bytes
//!   that were read, and the request goes to the inner service. An axum handler
//!   takes `Extension<BattleEnded>`. A 2xx answer becomes the OK ack; any other
//!   status becomes a FAIL ack with that status.
//! - **Handler** ([`WebhookLayer::handler`]): the event goes to a
//!   `Service<http::Request<BattleEnded>>` and never to the inner service; `Ok`
//!   becomes the acknowledgement once the handler has finished, `Err` a 500 FAIL
//!   ack. This is the mode for tonic, whose services speak only gRPC.
//!
//! # Example
//!
//! ```
//! use std::convert::Infallible;
//! use http::{Request, Response, StatusCode};
//! use tencent_live_webhook::{BattleEnded, BattleWebhookLayer, RequestBody};
//! use tower::{service_fn, ServiceBuilder, ServiceExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let app = ServiceBuilder::new()
//!     .layer(BattleWebhookLayer::new("/tencent/callback").app_id(1400000001))
//!     .service(service_fn(|request: Request<RequestBody<String>>| async move {
//!         if let Some(battle) = request.extensions().get::<BattleEnded>() {
//!             println!("battle {} won by {:?}", battle.battle_id, battle.winner());
//!         }
//!         Ok::<_, Infallible>(Response::new(String::new()))
//!     }));
//!
//! let request = Request::post(
//!     "/tencent/callback?SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle",
//! )
//! .body(r#"{"BattleId":"b-1","FromRoomInfo":{"RoomId":"pk-3","Score":9}}"#.to_owned())
//! .unwrap();
//!
//! let response = app.oneshot(request).await.unwrap();
//! assert_eq!(response.status(), StatusCode::OK);
//! # }
//! ```
//!
//! # Features
//!
//! - `tracing`: one `tracing` event per refused webhook, with its reason, and
//!   one per failed handler, with the handler's error.
//! - `test-util`: the `testing` module: signed webhook
//!   requests and sample events for your own tests.

#![deny(missing_docs, unsafe_code, rust_2018_idioms, unreachable_pub)]
#![warn(clippy::all)]

#[macro_use]
mod macros;

mod ack;
mod answer;
#[cfg(feature = "axum")]
mod axum;
mod battle;
mod body;
mod config;
mod decode;
mod dispatch;
mod event;
mod follow;
pub mod future;
mod gift;
mod head;
mod layer;
pub mod lenient;
mod live;
mod member;
mod message;
mod query;
mod recording;
mod rejection;
mod reply;
mod room;
mod seat;
mod service;
mod signature;
#[cfg(feature = "test-util")]
pub mod testing;
mod timer;

pub use crate::ack::{Ack, ActionStatus};
pub use crate::answer::Outcome;
#[allow(deprecated)]
pub use crate::battle::{
    BattleCreated, BattleEnded, BattleEvent, BattleRoom, BattleRoomInfo, BattleStarted, EndReason,
    RoomInfo,
};
pub use crate::body::{RequestBody, ResponseBody};
pub use crate::config::TENCENT_TIMEOUT;
pub use crate::decode::decode_json;
pub use crate::dispatch::{Deadline, Delivery, Forward, Handler, Mode, RawBody};
pub use crate::event::WebhookEvent;
pub use crate::follow::*;
pub use crate::gift::*;
pub use crate::layer::{
    BattleEventsLayer, BattleWebhookLayer, ConfigError, LiveWebhookLayer, WebhookLayer,
};
pub use crate::live::LiveEvent;
pub use crate::member::*;
pub use crate::message::*;
pub use crate::query::{CallbackQuery, Platform};
pub use crate::recording::*;
pub use crate::rejection::Rejection;
pub use crate::reply::{
    Decision, DecisionError, GiftDecision, MessageDecision, Reply, GIFT_SENDER_CODES,
    MESSAGE_SENDER_CODES,
};
pub use crate::room::*;
pub use crate::seat::*;
pub use crate::service::{BattleWebhook, Webhook};
pub use crate::signature::{sign, InvalidToken};
#[cfg(feature = "tokio")]
pub use crate::timer::TokioTimer;
pub use crate::timer::{Sleep, ThreadTimer, Timer};

/// The README's examples, compiled and run as doctests so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
