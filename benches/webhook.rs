//! What the layer costs, next to the one thing nobody can skip: decoding the JSON.
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
use tencent_live_webhook::{sign, Ack, BattleEnded, BattleWebhookLayer};
use tower::{service_fn, Layer, Service};

const PATH: &str = "/tencent/callback";
const APP_ID: u64 = 1400000001;
const TOKEN: &str = "bench-token";
const QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle\
                     &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
/// The spec's sample body.
const SAMPLE: &[u8] = include_bytes!("../tests/fixtures/Live.CallbackAfterEndBattle/sample.json");

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
    Request::post(format!("{PATH}?{query}"))
        .body(Full::new(Bytes::from_static(SAMPLE)))
        .unwrap()
}

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

fn inner<B>(
) -> impl Service<Request<B>, Response = Response<Empty<Bytes>>, Error = Infallible> + Clone {
    service_fn(|request: Request<B>| {
        black_box(&request);
        ready(Ok(Response::new(Empty::new())))
    })
}

fn handler() -> impl Service<Request<BattleEnded>, Response = (), Error = Infallible> + Clone {
    service_fn(|request: Request<BattleEnded>| {
        black_box(request);
        ready(Ok(()))
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

fn case<R: 'static, O>(
    name: &'static str,
    mut make: impl FnMut() -> R + 'static,
    mut serve_one: impl FnMut(R) -> O + 'static,
) -> Case {
    Case {
        name,
        run: Box::new(move |n| {
            let requests: Vec<R> = (0..n).map(|_| make()).collect();
            let mut outputs = Vec::with_capacity(n);
            let allocations = ALLOCATIONS.load(Ordering::Relaxed);
            let start = Instant::now();
            for request in requests {
                outputs.push(serve_one(request));
            }
            let elapsed = start.elapsed();
            let allocations = ALLOCATIONS.load(Ordering::Relaxed) - allocations;
            drop(black_box(outputs));
            Served {
                elapsed,
                allocations,
            }
        }),
    }
}

fn cases() -> Vec<Case> {
    let layer = BattleWebhookLayer::new(PATH).app_id(APP_ID);

    let mut handler_mode = layer.clone().handler(handler()).layer(inner());
    let mut signed_mode = layer.clone().token(TOKEN).handler(handler()).layer(inner());
    let mut forward_mode = layer.clone().layer(inner());
    let mut passthrough = layer.clone().handler(handler()).layer(inner());
    let mut bare = inner();
    let signed = signed_query();
    let mut twin = Router::new().route(PATH, post(axum_twin));
    let app = Router::new().route("/api/rooms", post(|| async { "rooms" }));
    let mut app_behind_layer = layer.clone().handler(handler()).layer(app.clone());
    let mut bare_app = app;

    vec![
        case(
            "decode floor: serde_json::from_slice::<BattleEnded>",
            || Bytes::from_static(SAMPLE),
            |body| black_box(serde_json::from_slice::<BattleEnded>(&body).unwrap()),
        ),
        case(
            "accepted, handler mode",
            || webhook_request(QUERY),
            move |request| serve_ok(&mut handler_mode, request),
        ),
        case(
            "accepted, handler mode, signed",
            move || webhook_request(&signed),
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
            "passthrough through the layer",
            passthrough_request,
            move |request| serve_ok(&mut passthrough, request),
        ),
        case("bare inner service", passthrough_request, move |request| {
            serve_ok(&mut bare, request)
        }),
        case(
            "passthrough through the layer, axum app inside",
            passthrough_request,
            move |request| serve_ok(&mut app_behind_layer, request),
        ),
        case("bare axum app", passthrough_request, move |request| {
            serve_ok(&mut bare_app, request)
        }),
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
    let (decode, accepted, signed, forward, twin, passthrough, bare) = (
        medians[0], medians[1], medians[2], medians[3], medians[4], medians[5], medians[6],
    );

    println!();
    println!("side by side: median of {ROUNDS} interleaved batches of {BATCH} requests");
    println!("| case | ns per request | allocations per request |");
    println!("|---|---:|---:|");
    for ((case, median), allocations) in cases.iter().zip(&medians).zip(&allocations) {
        println!("| {} | {median:.0} | {allocations} |", case.name);
    }
    println!();
    println!("| ratio | measured | target |");
    println!("|---|---:|---|");
    println!(
        "| accepted (handler) / decode | {:.2}x | <= 1.6x |",
        accepted / decode
    );
    println!(
        "| axum twin / accepted (handler) | {:.2}x | >= 2.5x |",
        twin / accepted
    );
    println!(
        "| passthrough / bare | {:.3}x | <= 1.05x |",
        passthrough / bare
    );
    println!(
        "| passthrough / bare, axum app inside | {:.3}x | <= 1.05x |",
        medians[7] / medians[8]
    );
    println!(
        "| signature cost (signed - unsigned) | {:.0} ns | <= 150 ns |",
        signed - accepted
    );
    println!(
        "| allocations: accepted (handler) - decode | {} | <= 4 |",
        allocations[1] as i64 - allocations[0] as i64
    );
    println!(
        "| allocations: passthrough - bare | {} | 0 |",
        allocations[5] as i64 - allocations[6] as i64
    );
    println!(
        "| allocations: passthrough - bare, axum app inside | {} | 0 |",
        allocations[7] as i64 - allocations[8] as i64
    );
    println!(
        "| forward mode / decode | {:.2}x | (no target) |",
        forward / decode
    );
}

/// `--profile N`: serves case N's requests in a loop, for a profiler such as
/// `valgrind --tool=callgrind`.
fn profile(index: usize) {
    let mut cases = cases();
    let case = &mut cases[index];
    eprintln!("profiling: {}", case.name);
    for _ in 0..20 {
        (case.run)(1000);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
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
