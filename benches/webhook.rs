//! What the layer costs, next to the one thing nobody can skip: a strict,
//! plain `#[derive(Deserialize)]` decode of the same bytes.
//!
//! `cargo bench --bench webhook` runs the criterion benchmarks, then measures
//! every case again side by side (interleaved batches in this one process,
//! median per case) and prints the ratios and heap allocations that
//! BENCHMARKS.md records. `cargo bench --bench webhook -- --ratios-only` skips
//! criterion.

use std::alloc::{GlobalAlloc, Layout, System};
use std::convert::Infallible;
use std::future::{ready, Future};
use std::hint::black_box;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::Query;
use axum::routing::post;
use axum::{Json, Router};
use bytes::Bytes;
use criterion::Criterion;
use http::{Request, Response};
use http_body_util::{Empty, Full};
use tencent_live_webhook::testing::fixtures;
use tencent_live_webhook::{
    decode_json, sign, Ack, BattleEnded, BattleWebhookLayer, C2cMessageSent, ChatEvent,
    ChatWebhookLayer, FollowDeleted, FriendDecision, FriendRequested, LiveEvent, LiveWebhookLayer,
    ModerationResult, Reply, TencentEvent, TencentWebhookLayer, WebhookLayer,
};
use tower::{service_fn, Layer, Service};

const PATH: &str = fixtures::PATH;
const APP_ID: u64 = fixtures::APP_ID;
const TOKEN: &str = fixtures::TOKEN;
const COMMAND: &str = "Live.CallbackAfterEndBattle";
const QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle\
                     &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
/// The same query with one character percent-encoded (`127%2E0.0.1` is
/// `127.0.0.1`): the layer splits it with `form_urlencoded`, the path every
/// query took before the `memchr` fast path. Tencent encodes nothing.
const ENCODED_QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle\
                             &contenttype=json&ClientIP=127%2E0.0.1&OptPlatform=RESTAPI";
/// A command on the same URL that no table claims: one Tencent may add, as
/// long as `C2C.CallbackAfterSendMsg`, this case's command up to 0.3 (the
/// Chat commands are typed now), so that the query is as long.
const OTHER_COMMAND_QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterNewOne\
                                   &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
/// A Chat command; and the last command of the Chat and both tables in the
/// first part of the Chat URL (the figures of that round compare with these).
const C2C_QUERY: &str = "SdkAppid=1400000001&CallbackCommand=C2C.CallbackAfterSendMsg\
                         &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
const C2C_SAMPLE: &[u8] = include_bytes!("../tests/fixtures/C2C.CallbackAfterSendMsg/sample.json");
const LAST_QUERY: &str = "SdkAppid=1400000001&CallbackCommand=ContentCallback.ResultNotify\
                          &contenttype=json";
const LAST_SAMPLE: &[u8] =
    include_bytes!("../tests/fixtures/ContentCallback.ResultNotify/sample.json");
/// A friend question, answered per user: the decision is completed against
/// the request's two users.
const FRIEND_QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Sns.CallbackPrevFriendAdd\
                            &contenttype=json&ClientIP=127.0.0.1&OptPlatform=Android";
const FRIEND_SAMPLE: &[u8] =
    include_bytes!("../tests/fixtures/Sns.CallbackPrevFriendAdd/sample.json");
/// The last command of the Live table.
const LIVE_LAST_QUERY: &str =
    "SdkAppid=1400000001&CallbackCommand=Follow.CallbackAfterFollowDelete\
     &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
const LIVE_LAST_SAMPLE: &[u8] =
    include_bytes!("../tests/fixtures/Follow.CallbackAfterFollowDelete/sample.json");
/// The spec's sample body.
const SAMPLE: &[u8] = include_bytes!("../tests/fixtures/Live.CallbackAfterEndBattle/sample.json");

/// The work nobody can skip: the same fields, a plain derive, accounts as
/// `u64`, no leniency, no command check.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct StrictBattle {
    #[serde(rename = "BattleId")]
    battle_id: String,
    #[serde(rename = "Duration")]
    duration: u64,
    #[serde(rename = "CreateTime")]
    create_time: u64,
    #[serde(rename = "StartTime")]
    start_time: u64,
    #[serde(rename = "EndTime")]
    end_time: u64,
    #[serde(rename = "OpType")]
    op_type: i64,
    #[serde(rename = "FromRoomInfo")]
    from_room: StrictRoom,
    #[serde(rename = "ToRoomList")]
    to_rooms: Vec<StrictRoom>,
    #[serde(rename = "EventTime")]
    event_time: u64,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct StrictRoom {
    #[serde(rename = "RoomId")]
    room_id: String,
    #[serde(rename = "Score")]
    score: i64,
    #[serde(rename = "Owner_Account")]
    owner_account: u64,
}

// ----------------------------------------------------------------- allocations

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the
// wrapper only counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

// ----------------------------------------------------------------------- cases

/// Runs a future that needs no I/O to completion with one poll.
fn now<F: Future>(future: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut cx) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the benchmarked future was not ready"),
    }
}

/// Readies a service and calls it, as a server does for each request.
fn serve<S: Service<R>, R>(service: &mut S, request: R) -> S::Response
where
    S::Error: std::fmt::Debug,
{
    let mut cx = Context::from_waker(Waker::noop());
    match service.poll_ready(&mut cx) {
        Poll::Ready(Ok(())) => {}
        _ => panic!("the benchmarked service was not ready"),
    }
    now(service.call(request)).expect("the benchmarked service failed")
}

/// Serves one request and checks that it was answered with success, so that
/// no case measures a rejection by mistake.
fn serve_ok<S, R, B>(service: &mut S, request: R) -> Response<B>
where
    S: Service<R, Response = Response<B>>,
    S::Error: std::fmt::Debug,
{
    let response = serve(service, request);
    assert!(
        response.status().is_success(),
        "answered {}",
        response.status()
    );
    response
}

fn webhook_request(query: &str) -> Request<Full<Bytes>> {
    request_with(query, SAMPLE)
}

fn request_with(query: &str, body: &'static [u8]) -> Request<Full<Bytes>> {
    Request::post(format!("{PATH}?{query}"))
        .body(Full::new(Bytes::from_static(body)))
        .unwrap()
}

/// Signed now: built just before each request, so that no case runs with a
/// stale `RequestTime`.
fn signed_query() -> String {
    let time = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    format!("{QUERY}&RequestTime={time}&Sign={}", sign(TOKEN, time))
}

fn passthrough_request() -> Request<Full<Bytes>> {
    Request::post("/api/rooms?page=2")
        .body(Full::new(Bytes::from_static(SAMPLE)))
        .unwrap()
}

/// The webhook URL with a command no layer here claims: the common case on a
/// URL shared with Tencent Chat's callbacks.
fn other_command_request() -> Request<Full<Bytes>> {
    webhook_request(OTHER_COMMAND_QUERY)
}

fn inner<B>(
) -> impl Service<Request<B>, Response = Response<Empty<Bytes>>, Error = Infallible> + Clone {
    service_fn(|request: Request<B>| {
        black_box(&request);
        ready(Ok(Response::new(Empty::new())))
    })
}

fn handler<E>() -> impl Service<Request<E>, Response = (), Error = Infallible> + Clone {
    service_fn(|request: Request<E>| {
        black_box(request);
        ready(Ok(()))
    })
}

/// A handler that refuses the friend request to `id2`; the layer answers the
/// other user by the fallback's rule.
fn friend_handler<E>() -> impl Service<Request<E>, Response = Reply, Error = Infallible> + Clone {
    service_fn(|request: Request<E>| {
        black_box(request);
        let decision = FriendDecision::new().refuse("id2", 38001, "no").unwrap();
        ready(Ok(decision.into()))
    })
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct TencentQuery {
    #[serde(rename = "SdkAppid")]
    sdk_app_id: u64,
    #[serde(rename = "CallbackCommand")]
    callback_command: String,
    #[serde(rename = "ClientIP")]
    client_ip: Option<String>,
    #[serde(rename = "OptPlatform")]
    opt_platform: Option<String>,
}

/// The same work written by hand as an axum handler: what the layer replaces.
async fn axum_twin(
    Query(query): Query<TencentQuery>,
    Json(battle): Json<BattleEnded>,
) -> Json<Ack> {
    if query.sdk_app_id != APP_ID {
        return Json(Ack::fail(1003, "unknown app"));
    }
    black_box(battle);
    Json(Ack::ok())
}

/// One benchmarked case: prepares `n` requests, then times serving them, and
/// counts the heap allocations made while serving.
struct Case {
    name: &'static str,
    run: Box<dyn FnMut(usize) -> Served>,
}

struct Served {
    elapsed: Duration,
    allocations: usize,
}

/// The timed part of a case; not inlined, so that a profiler can be told to
/// count only it (`valgrind --tool=callgrind --toggle-collect='*serve_chunk*'`).
#[inline(never)]
fn serve_chunk<R, O>(requests: Vec<R>, outputs: &mut Vec<O>, serve_one: &mut impl FnMut(R) -> O) {
    for request in requests {
        outputs.push(serve_one(request));
    }
}

/// Requests are built this many at a time, just before they are served, and
/// only the serving is timed: as on a server, a request is served while the
/// memory its parser just wrote is still in the cache.
const CHUNK: usize = 16;

fn case<R: 'static, O>(
    name: &'static str,
    mut make: impl FnMut() -> R + 'static,
    mut serve_one: impl FnMut(R) -> O + 'static,
) -> Case {
    Case {
        name,
        run: Box::new(move |n| {
            let mut elapsed = Duration::ZERO;
            let mut allocations = 0;
            let mut left = n;
            while left > 0 {
                let chunk = left.min(CHUNK);
                left -= chunk;
                let requests: Vec<R> = (0..chunk).map(|_| make()).collect();
                let mut outputs = Vec::with_capacity(chunk);
                let allocated = ALLOCATIONS.load(Ordering::Relaxed);
                let start = Instant::now();
                serve_chunk(requests, &mut outputs, &mut serve_one);
                elapsed += start.elapsed();
                allocations += ALLOCATIONS.load(Ordering::Relaxed) - allocated;
                drop(black_box(outputs));
            }
            Served {
                elapsed,
                allocations,
            }
        }),
    }
}

/// The cases, in the order the side-by-side table prints them.
mod index {
    pub const STRICT: usize = 0;
    pub const LENIENT: usize = 1;
    pub const ACCEPTED: usize = 2;
    pub const ACCEPTED_LIVE: usize = 3;
    pub const SIGNED: usize = 4;
    pub const FORWARD: usize = 5;
    pub const TWIN: usize = 6;
    pub const PASSTHROUGH: usize = 7;
    pub const OTHER_COMMAND: usize = 8;
    pub const BARE: usize = 9;
    pub const PASSTHROUGH_APP: usize = 10;
    pub const BARE_APP: usize = 11;
    pub const PASSTHROUGH_FORWARD: usize = 12;
    pub const ENCODED: usize = 13;
    pub const ACCEPTED_TENCENT: usize = 14;
    pub const C2C_ALONE: usize = 15;
    pub const C2C_CHAT: usize = 16;
    pub const C2C_TENCENT: usize = 17;
    pub const LAST_ALONE: usize = 18;
    pub const LAST_CHAT: usize = 19;
    pub const LAST_TENCENT: usize = 20;
    pub const LIVE_LAST_ALONE: usize = 21;
    pub const LIVE_LAST_LIVE: usize = 22;
    pub const FRIEND_ALONE: usize = 23;
    pub const FRIEND_TENCENT: usize = 24;
}

fn cases() -> Vec<Case> {
    let layer = BattleWebhookLayer::new(PATH).app_id(APP_ID);
    let live = LiveWebhookLayer::new(PATH).app_id(APP_ID);

    let mut handler_mode = layer.clone().handler(handler()).layer(inner());
    let mut live_mode = live.clone().handler(handler::<LiveEvent>()).layer(inner());
    let mut signed_mode = layer.clone().token(TOKEN).handler(handler()).layer(inner());
    let mut forward_mode = layer.clone().layer(inner());
    let mut passthrough = live.clone().handler(handler::<LiveEvent>()).layer(inner());
    let mut other_command = live.clone().handler(handler::<LiveEvent>()).layer(inner());
    let mut bare = inner();
    let mut twin = Router::new().route(PATH, post(axum_twin));
    let app = Router::new().route("/api/rooms", post(|| async { "rooms" }));
    let mut app_behind_layer = live.handler(handler::<LiveEvent>()).layer(app.clone());
    let mut bare_app = app;
    let mut forward_passthrough = LiveWebhookLayer::new(PATH).app_id(APP_ID).layer(inner());
    let mut encoded_mode = layer.clone().handler(handler()).layer(inner());
    let chat = ChatWebhookLayer::new(PATH).app_id(APP_ID);
    let both = TencentWebhookLayer::new(PATH).app_id(APP_ID);
    let mut tencent_mode = both
        .clone()
        .handler(handler::<TencentEvent>())
        .layer(inner());
    let mut c2c_alone = WebhookLayer::<C2cMessageSent>::new(PATH)
        .app_id(APP_ID)
        .handler(handler())
        .layer(inner());
    let mut c2c_chat = chat.clone().handler(handler::<ChatEvent>()).layer(inner());
    let mut c2c_tencent = both
        .clone()
        .handler(handler::<TencentEvent>())
        .layer(inner());
    let mut last_alone = WebhookLayer::<ModerationResult>::new(PATH)
        .app_id(APP_ID)
        .handler(handler())
        .layer(inner());
    let mut last_chat = chat.handler(handler::<ChatEvent>()).layer(inner());
    let mut last_tencent = both.handler(handler::<TencentEvent>()).layer(inner());
    let mut live_last_alone = WebhookLayer::<FollowDeleted>::new(PATH)
        .app_id(APP_ID)
        .handler(handler())
        .layer(inner());
    let mut live_last_live = LiveWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .handler(handler::<LiveEvent>())
        .layer(inner());
    let mut friend_alone = WebhookLayer::<FriendRequested>::new(PATH)
        .app_id(APP_ID)
        .handler(friend_handler())
        .layer(inner());
    let mut friend_tencent = TencentWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .handler(friend_handler::<TencentEvent>())
        .layer(inner());

    vec![
        case(
            "strict decode: plain derive, accounts as u64",
            || Bytes::from_static(SAMPLE),
            |body| {
                drop(black_box(
                    serde_json::from_slice::<StrictBattle>(&body).unwrap(),
                ))
            },
        ),
        case(
            "the crate's decode: decode_json::<BattleEnded>",
            || Bytes::from_static(SAMPLE),
            |body| {
                drop(black_box(
                    decode_json::<BattleEnded>(COMMAND, &body).unwrap(),
                ))
            },
        ),
        case(
            "accepted, handler mode (BattleWebhookLayer)",
            || webhook_request(QUERY),
            move |request| serve_ok(&mut handler_mode, request),
        ),
        case(
            "accepted, handler mode (LiveWebhookLayer, every command)",
            || webhook_request(QUERY),
            move |request| serve_ok(&mut live_mode, request),
        ),
        case(
            "accepted, handler mode, signed",
            || webhook_request(&signed_query()),
            move |request| serve_ok(&mut signed_mode, request),
        ),
        case(
            "accepted, forward mode",
            || webhook_request(QUERY),
            move |request| serve_ok(&mut forward_mode, request),
        ),
        case(
            "hand-written axum twin (Query + Json)",
            || {
                Request::post(format!("{PATH}?{QUERY}"))
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(Bytes::from_static(SAMPLE)))
                    .unwrap()
            },
            move |request| serve_ok(&mut twin, request),
        ),
        case(
            "passthrough: another path",
            passthrough_request,
            move |request| serve_ok(&mut passthrough, request),
        ),
        case(
            "passthrough: the same path, a command not claimed",
            other_command_request,
            move |request| serve_ok(&mut other_command, request),
        ),
        case("bare inner service", passthrough_request, move |request| {
            serve_ok(&mut bare, request)
        }),
        case(
            "passthrough: another path, axum app inside",
            passthrough_request,
            move |request| serve_ok(&mut app_behind_layer, request),
        ),
        case("bare axum app", passthrough_request, move |request| {
            serve_ok(&mut bare_app, request)
        }),
        case(
            "passthrough: another path, forward mode",
            passthrough_request,
            move |request| serve_ok(&mut forward_passthrough, request),
        ),
        case(
            "accepted, handler mode, query split by form_urlencoded",
            || webhook_request(ENCODED_QUERY),
            move |request| serve_ok(&mut encoded_mode, request),
        ),
        case(
            "accepted, handler mode (TencentWebhookLayer, both tables)",
            || webhook_request(QUERY),
            move |request| serve_ok(&mut tencent_mode, request),
        ),
        case(
            "a Chat command (WebhookLayer<C2cMessageSent>)",
            || request_with(C2C_QUERY, C2C_SAMPLE),
            move |request| serve_ok(&mut c2c_alone, request),
        ),
        case(
            "the Chat command (ChatWebhookLayer)",
            || request_with(C2C_QUERY, C2C_SAMPLE),
            move |request| serve_ok(&mut c2c_chat, request),
        ),
        case(
            "the Chat command (TencentWebhookLayer)",
            || request_with(C2C_QUERY, C2C_SAMPLE),
            move |request| serve_ok(&mut c2c_tencent, request),
        ),
        case(
            "the tables' last command (WebhookLayer<ModerationResult>)",
            || request_with(LAST_QUERY, LAST_SAMPLE),
            move |request| serve_ok(&mut last_alone, request),
        ),
        case(
            "the tables' last command (ChatWebhookLayer)",
            || request_with(LAST_QUERY, LAST_SAMPLE),
            move |request| serve_ok(&mut last_chat, request),
        ),
        case(
            "the tables' last command (TencentWebhookLayer)",
            || request_with(LAST_QUERY, LAST_SAMPLE),
            move |request| serve_ok(&mut last_tencent, request),
        ),
        case(
            "the Live table's last command (WebhookLayer<FollowDeleted>)",
            || request_with(LIVE_LAST_QUERY, LIVE_LAST_SAMPLE),
            move |request| serve_ok(&mut live_last_alone, request),
        ),
        case(
            "the Live table's last command (LiveWebhookLayer)",
            || request_with(LIVE_LAST_QUERY, LIVE_LAST_SAMPLE),
            move |request| serve_ok(&mut live_last_live, request),
        ),
        case(
            "a friend question, per-user decision (WebhookLayer<FriendRequested>)",
            || request_with(FRIEND_QUERY, FRIEND_SAMPLE),
            move |request| serve_ok(&mut friend_alone, request),
        ),
        case(
            "a friend question, per-user decision (TencentWebhookLayer)",
            || request_with(FRIEND_QUERY, FRIEND_SAMPLE),
            move |request| serve_ok(&mut friend_tencent, request),
        ),
    ]
}

// ------------------------------------------------------------------- criterion

fn criterion_benches(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("webhook");
    for mut case in cases() {
        group.bench_function(case.name, |bencher| {
            bencher.iter_custom(|iters| (case.run)(iters as usize).elapsed)
        });
    }
    group.finish();
}

// ------------------------------------------------------------- side by side

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn allocations_per_request(case: &mut Case) -> usize {
    (case.run)(1); // warm up lazily initialised state
    (case.run)(1).allocations
}

fn side_by_side() {
    const ROUNDS: usize = 41;
    const BATCH: usize = 2000;
    let mut cases = cases();
    let allocations: Vec<usize> = cases.iter_mut().map(allocations_per_request).collect();
    for case in &mut cases {
        (case.run)(BATCH); // warm up
    }
    let mut samples = vec![Vec::with_capacity(ROUNDS); cases.len()];
    for _ in 0..ROUNDS {
        for (case, samples) in cases.iter_mut().zip(&mut samples) {
            samples.push((case.run)(BATCH).elapsed.as_nanos() as f64 / BATCH as f64);
        }
    }
    let medians: Vec<f64> = samples.iter_mut().map(|samples| median(samples)).collect();
    let time = |index: usize| medians[index];
    let allocated = |index: usize| allocations[index] as i64;

    println!();
    println!("side by side: median of {ROUNDS} interleaved batches of {BATCH} requests");
    println!("| # | case | ns per request | allocations per request |");
    println!("|---:|---|---:|---:|");
    for (number, ((case, median), allocations)) in
        cases.iter().zip(&medians).zip(&allocations).enumerate()
    {
        println!("| {number} | {} | {median:.0} | {allocations} |", case.name);
    }
    println!();
    println!("| target | measured | target |");
    println!("|---|---:|---|");
    println!(
        "| accepted (handler) / strict decode | {:.2}x | <= 1.6x |",
        time(index::ACCEPTED) / time(index::STRICT)
    );
    println!(
        "| allocations: accepted (handler) - the crate's decode | {} | <= 6 |",
        allocated(index::ACCEPTED) - allocated(index::LENIENT)
    );
    println!(
        "| the crate's decode / strict decode | {:.2}x | <= 1.2x |",
        time(index::LENIENT) / time(index::STRICT)
    );
    println!(
        "| LiveWebhookLayer / BattleWebhookLayer | {:.3}x | <= 1.05x |",
        time(index::ACCEPTED_LIVE) / time(index::ACCEPTED)
    );
    for (what, table, alone) in [
        (
            "TencentWebhookLayer / BattleWebhookLayer",
            index::ACCEPTED_TENCENT,
            index::ACCEPTED,
        ),
        (
            "ChatWebhookLayer / WebhookLayer<C2cMessageSent>",
            index::C2C_CHAT,
            index::C2C_ALONE,
        ),
        (
            "TencentWebhookLayer / WebhookLayer<C2cMessageSent>",
            index::C2C_TENCENT,
            index::C2C_ALONE,
        ),
        (
            "ChatWebhookLayer / WebhookLayer<ModerationResult> (last)",
            index::LAST_CHAT,
            index::LAST_ALONE,
        ),
        (
            "TencentWebhookLayer / WebhookLayer<ModerationResult> (last)",
            index::LAST_TENCENT,
            index::LAST_ALONE,
        ),
        (
            "LiveWebhookLayer / WebhookLayer<FollowDeleted> (last)",
            index::LIVE_LAST_LIVE,
            index::LIVE_LAST_ALONE,
        ),
        (
            "TencentWebhookLayer / WebhookLayer<FriendRequested> (per-user decision)",
            index::FRIEND_TENCENT,
            index::FRIEND_ALONE,
        ),
    ] {
        println!("| {what} | {:.3}x | <= 1.05x |", time(table) / time(alone));
    }
    println!(
        "| passthrough, another path - bare | {:.1} ns | <= 10 ns |",
        time(index::PASSTHROUGH) - time(index::BARE)
    );
    println!(
        "| passthrough, same path and another command - bare | {:.1} ns | <= 10 ns |",
        time(index::OTHER_COMMAND) - time(index::BARE)
    );
    println!(
        "| passthrough, another path, forward mode - bare | {:.1} ns | (no target) |",
        time(index::PASSTHROUGH_FORWARD) - time(index::BARE)
    );
    println!(
        "| allocations: passthrough (both) - bare | {} and {} | 0 |",
        allocated(index::PASSTHROUGH) - allocated(index::BARE),
        allocated(index::OTHER_COMMAND) - allocated(index::BARE)
    );
    println!(
        "| signature: signed - unsigned | {:.0} ns | <= 200 ns |",
        time(index::SIGNED) - time(index::ACCEPTED)
    );
    println!(
        "| the query's memchr split: form_urlencoded path - memchr path | {:.0} ns ({:.1} % of the request) | >= 10 % to keep it |",
        time(index::ENCODED) - time(index::ACCEPTED),
        100.0 * (time(index::ENCODED) - time(index::ACCEPTED)) / time(index::ENCODED)
    );
    println!(
        "| comparison: axum twin / accepted (handler) | {:.2}x | (none) |",
        time(index::TWIN) / time(index::ACCEPTED)
    );
    println!(
        "| comparison: forward mode / strict decode | {:.2}x | (none) |",
        time(index::FORWARD) / time(index::STRICT)
    );
    println!(
        "| comparison: passthrough / bare, axum app inside | {:.3}x | (none) |",
        time(index::PASSTHROUGH_APP) / time(index::BARE_APP)
    );
}

/// `--profile N`: serves case N's requests in a loop, for a profiler such as
/// `valgrind --tool=callgrind`.
fn profile(index: usize) {
    let mut cases = cases();
    let case = &mut cases[index];
    eprintln!("profiling: {}", case.name);
    let mut allocations = 0;
    for _ in 0..20 {
        allocations += (case.run)(1000).allocations;
    }
    // Amortised over every request: what a one-request count cannot see
    // (storage that grows in blocks, such as an exporter's histograms).
    eprintln!(
        "allocations per request over 20 000: {:.3}",
        allocations as f64 / 20_000.0
    );
}

/// `--prometheus` (built with `--features metrics`): the layers record into
/// `metrics-exporter-prometheus`'s recorder, installed as the global one
/// with the README's buckets, as an app serving `/metrics` would.
#[cfg(feature = "metrics")]
fn install_prometheus() {
    let buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5];
    let handle = metrics_exporter_prometheus::PrometheusBuilder::new()
        .set_buckets(&buckets)
        .expect("buckets")
        .install_recorder()
        .expect("the only recorder");
    tencent_live_webhook::describe_metrics();
    eprintln!(
        "recording into Prometheus ({} bytes rendered so far)",
        handle.render().len()
    );
    std::mem::forget(handle);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|arg| arg == "--prometheus") {
        #[cfg(feature = "metrics")]
        install_prometheus();
        #[cfg(not(feature = "metrics"))]
        panic!("--prometheus needs the bench built with --features metrics");
    }
    if let Some(position) = args.iter().position(|arg| arg == "--profile") {
        let index = args
            .get(position + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        return profile(index);
    }
    let ratios_only = std::env::args().any(|arg| arg == "--ratios-only");
    let listing = std::env::args().any(|arg| arg == "--list" || arg == "--test");
    if !ratios_only {
        let mut criterion = Criterion::default().configure_from_args();
        criterion_benches(&mut criterion);
        criterion.final_summary();
    }
    if !listing {
        side_by_side();
    }
}
