//! What every webhook event type provides.

#[cfg(doc)]
use crate::decode::decode_json;
use crate::rejection::Rejection;
use crate::reply::Reply;

/// A webhook event type the middleware can receive: one command
/// ([`BattleEnded`](crate::BattleEnded)), a family of commands
/// ([`BattleEvent`](crate::BattleEvent)), or every command the crate knows
/// ([`LiveEvent`](crate::LiveEvent)).
///
/// The middleware claims a request whose `CallbackCommand` this type
/// [`claims`](Self::claims), reads its body, and calls [`decode`](Self::decode).
///
/// To receive a command this crate does not type, derive its payload with the
/// [`lenient`](crate::lenient) helpers and implement this trait; [`decode_json`]
/// does the decoding:
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use tencent_live_webhook::{decode_json, lenient, Rejection, WebhookEvent, WebhookLayer};
///
/// #[derive(Clone, Debug, Serialize, Deserialize)]
/// #[serde(tag = "CallbackCommand", rename = "Group.CallbackAfterGroupDestroyed")]
/// struct GroupDestroyed {
///     #[serde(rename = "GroupId", deserialize_with = "lenient::id")]
///     group_id: String,
///     #[serde(rename = "EventTime", default, deserialize_with = "lenient::option_integer")]
///     event_time_ms: Option<u64>,
/// }
///
/// impl WebhookEvent for GroupDestroyed {
///     const CALLBACK_COMMANDS: &'static [&'static str] = &["Group.CallbackAfterGroupDestroyed"];
///
///     fn decode(command: &str, body: &[u8]) -> Result<Self, Rejection> {
///         decode_json(command, body)
///     }
/// }
///
/// let layer = WebhookLayer::<GroupDestroyed>::new("/tencent/callback").app_id(1400000001);
/// # let _ = layer;
/// ```
///
/// A before-webhook, whose answer is a decision, also says what to answer when
/// no decision is made: see [`fallback`](Self::fallback).
pub trait WebhookEvent: Clone + Send + Sync + 'static {
    /// The `CallbackCommand` values this type is decoded from, such as
    /// `Live.CallbackAfterEndBattle`.
    const CALLBACK_COMMANDS: &'static [&'static str];

    /// Whether a request with this `CallbackCommand` is this type's to decode;
    /// by default, whether it is one of
    /// [`CALLBACK_COMMANDS`](Self::CALLBACK_COMMANDS).
    fn claims(callback_command: &str) -> bool {
        Self::CALLBACK_COMMANDS.contains(&callback_command)
    }

    /// Decodes a body that arrived with `callback_command`, one this type
    /// [`claims`](Self::claims). Decoding should be lenient, because Tencent
    /// does not retry; a body whose own `CallbackCommand` is another command
    /// should be refused with [`Rejection::CommandMismatch`]. [`decode_json`]
    /// does both for a derived type.
    fn decode(callback_command: &str, body: &[u8]) -> Result<Self, Rejection>;

    /// The `CallbackCommand` this value was received with, or is sent with: by
    /// default the first of [`CALLBACK_COMMANDS`](Self::CALLBACK_COMMANDS).
    fn callback_command(&self) -> &str {
        Self::CALLBACK_COMMANDS.first().copied().unwrap_or_default()
    }

    /// For a before-webhook, whose answer is a decision, the decision answered
    /// when none is made: a handler that answers `()` or fails, a deadline
    /// passed, a body that cannot be read. `None` (the default) for an
    /// after-webhook, whose answer is only an acknowledgement.
    ///
    /// The fallback also says which kind of decision the command takes: an
    /// answer of another kind gets the fallback. The layer's
    /// [`fallback`](crate::WebhookLayer::fallback) replaces it per command.
    fn fallback(callback_command: &str) -> Option<Reply> {
        let _ = callback_command;
        None
    }

    /// For a before-webhook whose decision answers for each of several users
    /// ([`FriendDecision`](crate::FriendDecision): a verdict per recipient;
    /// [`SubscriberDecision`](crate::SubscriberDecision): the subscribers
    /// refused): the users this request names, in its order. `None` (the
    /// default) for every other event.
    ///
    /// The layer asks it once the body is decoded, and completes the answer
    /// (the handler's decision, or the fallback) against these users: every
    /// one of them gets a verdict, the ones the decision leaves out from the
    /// fallback's rule, and a verdict for a user not named here is dropped
    /// and logged. A body that could not be decoded names nobody.
    fn decision_accounts(&self) -> Option<Vec<String>> {
        None
    }

    /// For a webhook that carries several events at once
    /// ([`PushBatch`](crate::PushBatch)): how many. `None` (the default) for
    /// a webhook of one event. The `metrics` feature counts them.
    fn batch_len(&self) -> Option<usize> {
        None
    }

    /// A value for a command this type does not claim, for a layer that
    /// receives every command on its path
    /// ([`receive_unknown`](crate::WebhookLayer::receive_unknown)). `None`
    /// (the default) when the type has no place for one.
    fn unknown(callback_command: &str, body: &[u8]) -> Option<Result<Self, Rejection>> {
        let _ = (callback_command, body);
        None
    }
}
