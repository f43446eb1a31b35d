//! Receive Tencent Cloud Live (TUILiveKit) and Tencent Chat webhooks in front
//! of any tower service: hyper, axum or tonic.
//!
//! Tencent POSTs an application's webhooks to the callback URLs set in its
//! consoles (Live's, Chat's) and tells them apart by the `CallbackCommand`
//! query parameter. Three layers receive a table of commands each on their
//! path, whichever console sent them: [`LiveWebhookLayer`] ([`LiveEvent`]:
//! rooms, members, seats, battles, gifts, recording, and the room messages and
//! follows), [`ChatWebhookLayer`] ([`ChatEvent`]: one-to-one messages, groups
//! and topics, online state, profiles and friends, chatbots, official
//! accounts, push results, moderation results, alerts, and the room messages
//! and follows) and [`TencentWebhookLayer`] ([`TencentEvent`]: both).
//! Each checks a webhook once, decodes it into a typed event, and answers
//! Tencent. Narrower layers claim fewer commands: [`BattleWebhookLayer`] (the
//! battle end alone), [`BattleEventsLayer`] (the three battle events), or
//! [`WebhookLayer<E>`](WebhookLayer) for any [`WebhookEvent`], including a
//! command you type yourself with the [`lenient`] helpers.
//!
//! # A request's way through the layer
//!
//! 1. **Head.** A request is a webhook when its method is `POST`, its path
//!    equals the configured path, and its query names a claimed
//!    `CallbackCommand`. Everything else goes to the inner service untouched:
//!    its body is not read and nothing is added to it. A webhook is then
//!    checked, and the first failure is the answer: `SdkAppid` (any case) is
//!    given once and is one of the configured ids, or **403**; with a callback
//!    token configured, `Sign` and `RequestTime` are given once, `RequestTime`
//!    is within the tolerance of now (60 s, both ways, at full precision) and
//!    `Sign` equals `hex(sha256(token + RequestTime))`, compared in constant
//!    time, or **401**. The webhook is then *authentic*: `CallbackCommand` is
//!    given once, or **400**; a declared `Content-Length` over the limit
//!    (64 KiB) is **413** before reading (for a before-webhook, either is
//!    its fallback decision).
//! 2. **Body.** Read up to the limit (a longer stream is cut off, **413**),
//!    keeping what was read for a dead letter.
//! 3. **Decode**, by the command: a JSON object only, its own
//!    `CallbackCommand` (when present) the query's, its identity fields present
//!    (a `BattleId`, a `RoomId`...), and every value it holds readable without
//!    guessing, or **400** naming the field path (never quoting the body).
//!    Decoding is lenient otherwise, because Tencent does not retry: accounts
//!    as strings or numbers (every digit kept), numbers as strings, `null` as
//!    absent, unknown fields ignored.
//! 4. **Dispatch**: forward mode or handler mode (below).
//! 5. **Answer.** After-webhooks are news: HTTP 200 and
//!    `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}` once the event is
//!    handled. Before-webhooks are questions: the answer is the command's own
//!    decision with HTTP 200 ([`GiftDecision`] for a gift, [`MessageDecision`]
//!    for a room message, [`C2cMessageDecision`], [`CreateGroupDecision`],
//!    [`CreateTopicDecision`], [`JoinGroupDecision`], [`InviteDecision`],
//!    [`FriendDecision`], [`CreateOfficialAccountDecision`],
//!    [`SubscriberDecision`], [`OfficialMessageDecision`] and the data of a
//!    [`ChatbotReply`] for the Chat URL's). A decision that answers for each
//!    user of the request (a friend request's recipients, an official
//!    account's new subscribers) is completed against the request: every user
//!    it names gets a verdict, those the decision leaves out from the
//!    fallback's rule. A command outside the tables (with [`receive_unknown`](WebhookLayer::receive_unknown), or
//!    an event type of your own without a fallback) gets the app's answer as
//!    written, decision or acknowledgement, with HTTP 200. Every refusal is a
//!    JSON FAIL acknowledgement with a stable `ErrorCode` (the table is on
//!    [`Rejection`]); neither the inner service nor the handler sees a refused
//!    request.
//!
//! # Decisions within Tencent's 2 seconds
//!
//! A before-webhook has a [deadline](WebhookLayer::deadline) (1.5 s from
//! `call`). Once a request is known to be Tencent's, every way of not deciding
//! in time gets the command's fallback decision with HTTP 200, never an
//! accidental allow: an answer that is not the command's decision (`()`, an
//! [`Ack`]), a handler error or panic, a body that cannot be read or decoded
//! (or an event type whose `decode` panics), a deadline passed (even before
//! the handler was called), a timer that panics. The fallbacks are Tencent's
//! own defaults (a gift is rejected; a message, a group, a member let through)
//! and [configurable](WebhookLayer::fallback).
//! After-webhooks are never cut short; their failures can be
//! [held](WebhookLayer::hold_failures) past Tencent's timeout, the only way a
//! failure brings Tencent's retry.
//!
//! # Nothing lost: dead letters
//!
//! Tencent does not send again a webhook that got an answer, even a FAIL. So
//! an authentic webhook that the layer refuses, or answers with its fallback
//! decision, is handed to the app's [dead-letter sink](WebhookLayer::dead_letters)
//! as a [`DeadLetter`]: its command, its query, the bytes that were read, and
//! why. The sink is called before the answer and waited for within bounds (a
//! before-webhook's deadline, an after-webhook's
//! [`dead_letter_timeout`](WebhookLayer::dead_letter_timeout));
//! [`dead_letter_queue`] is a bounded sink that never waits. "Nothing lost"
//! ends at the [`body_limit`](WebhookLayer::body_limit): past it, a letter
//! holds the bytes up to the limit, or none when `Content-Length` said so.
//! Without a [`token`](WebhookLayer::token), anyone who knows the app id can
//! write dead letters.
//!
//! # Metrics
//!
//! With the feature `metrics`, every layer counts the webhooks it claimed by
//! command and outcome, the refusals by the crate's own `ErrorCode`, the
//! fallbacks by reason and the dead letters, and times the handlers and the
//! time a decision had left, through the `metrics` facade, with series that
//! no request can multiply. The README's "Metrics" lists them; call
//! `describe_metrics()` for their help text.
//!
//! # Two modes
//!
//! - **Forward** (default, [`Forward`]): the event, the [`CallbackQuery`] and,
//!   for a before-webhook, its [`Deadline`] are inserted into the request's
//!   extensions, the body is replaced by the bytes that were read, and the
//!   request goes to the inner service. An axum route takes
//!   `Extension<LiveEvent>` (or `ChatEvent`, `TencentEvent`) and returns a
//!   [`Reply`] (feature `axum`); for an
//!   after-webhook, a 2xx is the OK acknowledgement and any other status a FAIL
//!   with that status. `poll_ready` is the inner service's.
//! - **Handler** ([`WebhookLayer::handler`]): the event goes to a
//!   `Service<http::Request<E>>` and never to the inner service; its response
//!   converts into a [`Reply`]. This is the mode for tonic, whose services
//!   speak only gRPC. `poll_ready` is always ready: a decision does not wait
//!   for a saturated app.
//!
//! # Example
//!
//! ```
//! use std::convert::Infallible;
//! use http::{Request, Response, StatusCode};
//! use tencent_live_webhook::{GiftDecision, LiveEvent, LiveWebhookLayer, Reply, RequestBody};
//! use tower::{service_fn, ServiceBuilder, ServiceExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let on_event = service_fn(|request: Request<LiveEvent>| async move {
//!     Ok::<Reply, Infallible>(match request.into_body() {
//!         LiveEvent::GiftSending(gift) => GiftDecision::allow().into(),
//!         LiveEvent::BattleEnded(battle) => {
//!             println!("battle {} won by {:?}", battle.battle_id, battle.winner());
//!             ().into()
//!         }
//!         _ => ().into(),
//!     })
//! });
//! let app = ServiceBuilder::new()
//!     .layer(LiveWebhookLayer::new("/tencent/callback").app_id(1400000001).handler(on_event))
//!     .service(service_fn(|_: Request<RequestBody<String>>| async {
//!         Ok::<_, Infallible>(Response::new(String::from("the rest of the app")))
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
//! - `tokio`: [`TokioTimer`], deadlines on tokio's clock (the default
//!   [`ThreadTimer`] needs no runtime).
//! - `axum`: `IntoResponse` for [`Reply`], [`Ack`] and the decisions.
//! - `tracing`: one `tracing` event per refused webhook and per fallback
//!   decision, with its reason and, for a failed handler, its error; one per
//!   dead letter the sink did not take.
//! - `test-util`: the `testing` module: signed webhook requests, the
//!   documented sample of every command, and sample events telling one story.

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
mod chat;
mod code;
mod config;
mod dead_letter;
mod decode;
mod dispatch;
mod event;
mod follow;
pub mod future;
mod gift;
mod head;
mod idempotency;
mod layer;
pub mod lenient;
mod member;
mod message;
mod meter;
mod query;
mod read;
mod recording;
mod rejection;
mod reply;
mod room;
mod seat;
mod service;
mod signature;
mod table;
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
pub use crate::chat::*;
pub use crate::code::DecisionError;
pub use crate::config::TENCENT_TIMEOUT;
pub use crate::dead_letter::{
    dead_letter_queue, DeadLetter, DeadLetterReason, DeadLetterReceiver, DeadLetterSender,
    QueueFull, Recv,
};
pub use crate::decode::decode_json;
pub use crate::dispatch::{Deadline, Delivery, Forward, Handler, Mode, RawBody};
pub use crate::event::WebhookEvent;
pub use crate::follow::*;
pub use crate::gift::*;
pub use crate::idempotency::{IdempotencyKey, KeyStrength};
pub use crate::layer::{
    BattleEventsLayer, BattleWebhookLayer, ChatWebhookLayer, ConfigError, LiveWebhookLayer,
    TencentWebhookLayer, WebhookLayer,
};
pub use crate::member::*;
pub use crate::message::*;
#[cfg(feature = "metrics")]
pub use crate::meter::describe_metrics;
pub use crate::query::{CallbackQuery, Platform};
pub use crate::recording::*;
pub use crate::rejection::Rejection;
pub use crate::reply::{
    Decision, GiftDecision, MessageDecision, Reply, GIFT_SENDER_CODES, MESSAGE_SENDER_CODES,
};
pub use crate::room::*;
pub use crate::seat::*;
pub use crate::service::{BattleWebhook, Webhook};
pub use crate::signature::{sign, InvalidToken};
pub use crate::table::{ChatEvent, LiveEvent, TencentEvent};
#[cfg(feature = "tokio")]
pub use crate::timer::TokioTimer;
pub use crate::timer::{Sleep, ThreadTimer, Timer};

/// The README's examples, compiled and run as doctests so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
