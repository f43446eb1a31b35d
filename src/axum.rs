//! Feature `axum`: routes answer webhooks by returning a [`Reply`], an
//! [`Ack`] or a decision.

use axum_core::response::{IntoResponse, Response};
use http::{header, HeaderValue};

use crate::ack::Ack;
use crate::chat::{
    C2cMessageDecision, ChatbotReply, CreateGroupDecision, CreateOfficialAccountDecision,
    CreateTopicDecision, FriendDecision, InviteDecision, JoinGroupDecision,
    OfficialMessageDecision, SubscriberDecision,
};
use crate::reply::{Decision, GiftDecision, MessageDecision, Reply};

/// HTTP 200 with the answer's JSON, and the [`Reply`] in the response's
/// extensions, where the layer (forward mode) reads it. A route behind the
/// layer returns a decision for a before-webhook:
///
/// ```
/// use axum::{routing::post, Extension, Router};
/// use tencent_live_webhook::{GiftDecision, LiveEvent, LiveWebhookLayer, Reply};
///
/// async fn callback(Extension(event): Extension<LiveEvent>) -> Reply {
///     match event {
///         LiveEvent::GiftSending(gift) => GiftDecision::allow().into(),
///         _ => Reply::from(()),
///     }
/// }
///
/// let app: Router = Router::new()
///     .route("/tencent/callback", post(callback))
///     .layer(LiveWebhookLayer::new("/tencent/callback").app_id(1400000001));
/// ```
impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = Response::new(axum_core::body::Body::from(self.to_bytes()));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response.extensions_mut().insert(self);
        response
    }
}

impl IntoResponse for Ack {
    /// As [`Reply::Ack`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

/// Each decision answers as its [`Reply`] variant.
macro_rules! into_response {
    ($($decision:ident => $variant:ident,)+) => {
        $(
            impl IntoResponse for $decision {
                #[doc = concat!("As [`Reply::", stringify!($variant), "`].")]
                fn into_response(self) -> Response {
                    Reply::$variant(self).into_response()
                }
            }
        )+
    };
}

into_response! {
    GiftDecision => Gift,
    MessageDecision => Message,
    Decision => Decision,
    C2cMessageDecision => C2cMessage,
    CreateGroupDecision => CreateGroup,
    CreateTopicDecision => CreateTopic,
    JoinGroupDecision => JoinGroup,
    InviteDecision => Invite,
    FriendDecision => Friend,
    CreateOfficialAccountDecision => CreateOfficialAccount,
    SubscriberDecision => Subscriber,
    OfficialMessageDecision => OfficialMessage,
    ChatbotReply => Chatbot,
}
