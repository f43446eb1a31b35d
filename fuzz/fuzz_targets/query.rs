//! The query parser: any text as the query of a POST to the webhook path,
//! with a layer that requires a signature (clock fixed at `NOW`). Every
//! answer is a documented one, `CallbackQuery::parse` never panics, and it
//! agrees with the layer: a query it reads as naming our command is never
//! passed through, and an accepted query is ours and signed in time.

#![no_main]

use bytes::Bytes;
use http::{Request, StatusCode, Uri};
use http_body_util::Full;
use libfuzzer_sys::fuzz_target;
use tencent_live_webhook::CallbackQuery;
use tencent_live_webhook_fuzz::{
    layer, send, verdict, HandlerOutcome, Verdict, APP_ID, COMMAND, NOW, PATH, SAMPLE,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = CallbackQuery::parse(&text);
    let Ok(uri) = Uri::try_from(format!("{PATH}?{text}")) else {
        return;
    };
    let query = uri.query().unwrap_or_default().to_owned();
    let parsed = CallbackQuery::parse(&query);
    let request = Request::post(uri)
        .body(Full::new(Bytes::from_static(SAMPLE.as_bytes())))
        .unwrap();
    let outcome = send(
        layer(true),
        true,
        HandlerOutcome::Ok,
        StatusCode::OK,
        request,
    );
    match verdict(&outcome, true) {
        Verdict::Passthrough => {
            if let Some(parsed) = &parsed {
                assert_ne!(
                    parsed.callback_command, COMMAND,
                    "{query:?} was not claimed"
                );
            }
        }
        Verdict::Accepted(_) => {
            let parsed = parsed.expect("an accepted query parses");
            assert_eq!(parsed.sdk_app_id, APP_ID);
            assert_eq!(parsed.callback_command, COMMAND);
            let time = parsed
                .request_time
                .expect("a signed query has a RequestTime");
            assert!(time.abs_diff(NOW) <= 60, "{time}");
        }
        Verdict::Refused(code) => {
            assert!(
                matches!(code, 1001..=1003 | 2001..=2004 | 3001),
                "{code} for a query with a good body: {outcome:?}"
            );
        }
        Verdict::Failed => panic!("the handler cannot fail here: {outcome:?}"),
    }
});
