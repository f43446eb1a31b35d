//! The body decoder, through the layer, for every command: any bytes as the
//! body of a correct webhook. The command is the one the body names when it
//! names one of the table (so that the fixtures seed every command), or else
//! picked by the bytes; now and then another one, so that a body naming
//! another command is sent too. The answer, the event handed on and the
//! decoder's own verdict (`TencentEvent::decode`) must be what the independent
//! model (`tests/model/`) computes from the bytes; the idempotency key is of
//! its documented form.

#![no_main]

use bytes::Bytes;
use http::{Request, StatusCode};
use http_body_util::Full;
use libfuzzer_sys::fuzz_target;
use tencent_live_webhook::{IdempotencyKey, KeyStrength, TencentEvent, WebhookEvent};
use tencent_live_webhook_fuzz::model::decode::{self, Expected};
use tencent_live_webhook_fuzz::{
    check, command, layer, named_command, plain_query, send, want_body, App, PATH,
};

fuzz_target!(|data: &[u8]| {
    let pick = data.iter().fold(0u32, |hash, byte| {
        hash.wrapping_mul(31).wrapping_add(u32::from(*byte))
    });
    let command = match named_command(data) {
        Some(named) if pick % 8 != 0 => named,
        _ => command((pick >> 3) as u8),
    };
    let handler_mode = pick & 0x100 == 0;

    // The idempotency key, from any bytes: never a panic, and of its
    // documented form.
    let key = IdempotencyKey::new(command.name, data);
    match (key.strength(), key.as_str()) {
        (KeyStrength::None, None) => {}
        (KeyStrength::Exact | KeyStrength::Probable, Some(text)) => {
            let rest = text
                .strip_prefix(command.name)
                .and_then(|rest| rest.strip_prefix(':'));
            assert!(rest.is_some_and(|rest| !rest.is_empty()), "{text}");
        }
        (strength, text) => panic!("{strength:?} with {text:?}"),
    }

    // The decoder itself.
    let verdict = decode::expect(command.name, data);
    let direct = TencentEvent::decode(command.name, data);
    match (&verdict.expected, &direct) {
        (Expected::Accepted(event), Ok(decoded)) => {
            assert_eq!(
                &serde_json::to_value(decoded).unwrap(),
                event,
                "{}",
                command.name
            )
        }
        (Expected::Refused(codes), Err(rejection)) => assert!(
            codes.contains(&rejection.error_code()),
            "{}: model {codes:?}, crate {rejection}",
            command.name
        ),
        (expected, direct) => panic!("{}: model {expected:?}, crate {direct:?}", command.name),
    }

    // And through the layer.
    let request = Request::post(format!("{PATH}?{}", plain_query(command.name)))
        .body(Full::new(Bytes::copy_from_slice(data)))
        .unwrap();
    let outcome = send(
        layer(false),
        handler_mode,
        App::Decides,
        StatusCode::OK,
        request,
    );
    let want = want_body(command.name, data);
    check(
        &outcome,
        &want,
        Some(command.name),
        handler_mode,
        App::Decides,
        StatusCode::OK,
    );
});
