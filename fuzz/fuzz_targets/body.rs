//! The body decoder, through the layer: any bytes as the body of a webhook
//! whose query is right. Every answer is a documented one; an accepted event
//! is exactly what `serde_json` makes of the body and survives a round trip;
//! what `serde_json` accepts, the layer accepts.

#![no_main]

use bytes::Bytes;
use http::{Request, StatusCode};
use http_body_util::Full;
use libfuzzer_sys::fuzz_target;
use tencent_live_webhook::BattleEnded;
use tencent_live_webhook_fuzz::{
    check_event, layer, plain_query, send, verdict, without_bom, HandlerOutcome, Verdict, PATH,
};

fuzz_target!(|data: &[u8]| {
    let request = Request::post(format!("{PATH}?{}", plain_query()))
        .body(Full::new(Bytes::copy_from_slice(data)))
        .unwrap();
    let outcome = send(
        layer(false),
        true,
        HandlerOutcome::Ok,
        StatusCode::OK,
        request,
    );
    let decoded = serde_json::from_slice::<BattleEnded>(without_bom(data));
    match verdict(&outcome, true) {
        Verdict::Accepted(event) => check_event(&event, data),
        Verdict::Refused(code) => {
            assert!(
                matches!(code, 3002 | 3004 | 3005 | 3006),
                "{code}: {outcome:?}"
            );
            if code != 3002 {
                assert!(decoded.is_err(), "refused {code} what serde_json accepts");
            }
        }
        other => panic!("{other:?}: {outcome:?}"),
    }
});
