//! The query, through the layer for every command with a token and a fixed
//! clock: any text as the query of a POST to the webhook path. Whether it is
//! the webhook, and the answer, must be what the independent model of the
//! README's rules (`tests/model/head.rs`) says; the body is the documented
//! sample of the command the query names. `CallbackQuery::parse` never
//! panics.

#![no_main]

use bytes::Bytes;
use http::{Request, StatusCode, Uri};
use http_body_util::Full;
use libfuzzer_sys::fuzz_target;
use tencent_live_webhook::testing::fixtures;
use tencent_live_webhook::CallbackQuery;
use tencent_live_webhook_fuzz::model::head::{self, Head};
use tencent_live_webhook_fuzz::{
    check, head_config, layer, refusal, send, want_body, App, Want, PATH,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = CallbackQuery::parse(&text);
    let Ok(uri) = Uri::try_from(format!("{PATH}?{text}")) else {
        return;
    };
    let handler_mode = data.len().is_multiple_of(2);
    let (want, command, body) =
        match head::head("POST", uri.path(), uri.query(), &head_config(true)) {
            Head::Pass => (Want::Pass, None, "{}".to_owned()),
            Head::Refused(code) => (Want::Fail(vec![code]), None, "{}".to_owned()),
            Head::Repeated(first) => (refusal(&first, vec![3001]), None, "{}".to_owned()),
            Head::Webhook(command) => {
                let body = fixtures::documented(&command).unwrap().to_owned();
                (want_body(&command, body.as_bytes()), Some(command), body)
            }
        };
    let request = Request::post(uri)
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    let outcome = send(
        layer(true),
        handler_mode,
        App::Decides,
        StatusCode::OK,
        request,
    );
    check(
        &outcome,
        &want,
        command.as_deref(),
        handler_mode,
        App::Decides,
        StatusCode::OK,
    );
});
