//! Feature `axum`: routes answer webhooks by returning a [`Reply`], an
//! [`Ack`] or a decision.

use axum_core::response::{IntoResponse, Response};
use http::{header, HeaderValue};

use crate::ack::Ack;
use crate::chat::{
    C2cMessageDecision, CreateGroupDecision, CreateTopicDecision, InviteDecision, JoinGroupDecision,
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

impl IntoResponse for GiftDecision {
    /// As [`Reply::Gift`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

impl IntoResponse for MessageDecision {
    /// As [`Reply::Message`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

impl IntoResponse for Decision {
    /// As [`Reply::Decision`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

impl IntoResponse for C2cMessageDecision {
    /// As [`Reply::C2cMessage`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

impl IntoResponse for CreateGroupDecision {
    /// As [`Reply::CreateGroup`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

impl IntoResponse for CreateTopicDecision {
    /// As [`Reply::CreateTopic`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

impl IntoResponse for JoinGroupDecision {
    /// As [`Reply::JoinGroup`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

impl IntoResponse for InviteDecision {
    /// As [`Reply::Invite`].
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}
