//! Limits the crate leaves to composition, each shown with the layers that
//! provide it: a body read timeout and a request deadline (tower-http), a
//! handler timeout (`tower::timeout`), a caught panic (tower-http's
//! catch-panic), and backpressure on a slow handler (`ConcurrencyLimit`,
//! `Buffer`, `LoadShed`). Every case ends with an answer within a bound:
//! nothing hangs, nothing is acknowledged that was not handled.

use std::collections::HashSet;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{header, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK, PATH};
use tencent_live_webhook::{Ack, ActionStatus, BattleEnded, BattleWebhookLayer, RequestBody};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::{sleep, timeout};
use tower::{service_fn, BoxError, Layer, Service, ServiceBuilder, ServiceExt};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

const QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle\
                     &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
/// The documented sample of `Live.CallbackAfterEndBattle`.
const SAMPLE: &str = include_str!("fixtures/Live.CallbackAfterEndBattle/sample.json");
/// The bound on every wait: far above every timeout configured here.
const BOUND: Duration = Duration::from_secs(10);

fn layer() -> BattleWebhookLayer {
    BattleWebhookLayer::new(PATH).app_id(APP_ID)
}

fn webhook(battle_id: &str) -> Request<Full<Bytes>> {
    let body = SAMPLE.replace("4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=", battle_id);
    Request::post(format!("{PATH}?{QUERY}"))
        .body(Full::new(Bytes::from(body)))
        .unwrap()
}

/// The status and acknowledgement of an answer.
async fn ack_of<B>(response: Response<B>) -> (StatusCode, Ack)
where
    B: Body<Data = Bytes>,
    B::Error: std::fmt::Debug,
{
    let (parts, body) = response.into_parts();
    let bytes = timeout(BOUND, body.collect())
        .await
        .expect("the answer's body within the bound")
        .unwrap()
        .to_bytes();
    assert_eq!(parts.headers[header::CONTENT_TYPE], "application/json");
    let ack = serde_json::from_slice(&bytes).expect("a JSON acknowledgement");
    (parts.status, ack)
}

/// An inner service for handler mode: a webhook never reaches it.
fn unreachable_app<B: Send + 'static>() -> impl Service<
    Request<RequestBody<B>>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future = impl Future + Send,
> + Clone {
    service_fn(|_: Request<RequestBody<B>>| async {
        panic!("the inner service was called in handler mode");
        #[allow(unreachable_code)]
        Ok::<_, Infallible>(Response::new(Full::new(Bytes::new())))
    })
}

/// Sets its flag when dropped: proves a future was dropped, not left behind.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

// ------------------------------------------------------------ a real server

struct Server {
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `service` with hyper's HTTP/1.1 on 127.0.0.1, one task per connection.
async fn serve<S, B>(service: S) -> Server
where
    S: Service<Request<Incoming>, Response = Response<B>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Server { addr, task }
}

/// What came back on a raw connection: a status and a body, or nothing
/// before the server closed it.
#[derive(Debug, PartialEq)]
enum Reply {
    Answer(u16, Bytes),
    Closed,
}

/// Reads one HTTP/1.1 response (with a `Content-Length`), or the close.
async fn read_reply(stream: &mut TcpStream) -> Reply {
    timeout(BOUND, async {
        let mut buffer = Vec::new();
        loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
                let status = head.split(' ').nth(1).unwrap().parse().unwrap();
                let length: usize = head
                    .lines()
                    .find_map(|line| {
                        let (name, value) = line.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                if buffer.len() >= end + 4 + length {
                    let body = Bytes::copy_from_slice(&buffer[end + 4..end + 4 + length]);
                    return Reply::Answer(status, body);
                }
            }
            match stream.read_buf(&mut buffer).await {
                Ok(0) | Err(_) => return Reply::Closed,
                Ok(_) => {}
            }
        }
    })
    .await
    .expect("an answer or a close within the bound")
}

async fn connect(addr: SocketAddr, framing: &str) -> TcpStream {
    let mut stream = timeout(BOUND, TcpStream::connect(addr))
        .await
        .unwrap()
        .unwrap();
    let head = format!(
        "POST {PATH}?{QUERY} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

/// A handler that counts what it handled.
fn counting_handler(
    handled: &Arc<AtomicUsize>,
) -> impl Service<Request<BattleEnded>, Response = (), Error = Infallible, Future = impl Send>
       + Clone
       + Send
       + 'static {
    let handled = handled.clone();
    service_fn(move |_: Request<BattleEnded>| {
        handled.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, Infallible>(()) }
    })
}

// ------------------------------------------------------------- body timeout

/// A body that stops sending after its head and a few bytes: with
/// tower-http's `RequestBodyTimeoutLayer` outside the webhook layer, the
/// stalled read fails after the timeout and the layer answers 400/3003.
#[tokio::test]
async fn a_stalled_body_ends_with_400_after_the_body_timeout() {
    let handled = Arc::new(AtomicUsize::new(0));
    let service = ServiceBuilder::new()
        .layer(RequestBodyTimeoutLayer::new(Duration::from_millis(200)))
        .layer(layer().handler(counting_handler(&handled)))
        .service(unreachable_app());
    let server = serve(service).await;

    // Content-Length promises 500 bytes; 100 come, then nothing, and the
    // connection stays open.
    let mut stream = connect(server.addr, "Content-Length: 500").await;
    stream.write_all(&SAMPLE.as_bytes()[..100]).await.unwrap();
    let reply = read_reply(&mut stream).await;
    let Reply::Answer(400, body) = reply else {
        panic!("{reply:?}");
    };
    let ack: Ack = serde_json::from_slice(&body).unwrap();
    assert_eq!(ack.error_code(), 3003, "{ack:?}");
    assert_eq!(handled.load(Ordering::SeqCst), 0);
}

/// A body that trickles one byte at a time, each well within the body
/// timeout, never ends: the per-frame body timeout alone never fires (here
/// 1 s against gaps of 20 ms). A deadline on the whole request (tower-http's
/// `TimeoutLayer`, outermost) ends it with 408, and drops the read.
#[tokio::test]
async fn a_body_that_trickles_forever_ends_with_408_at_the_request_deadline() {
    let handled = Arc::new(AtomicUsize::new(0));
    let service = ServiceBuilder::new()
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_millis(500),
        ))
        .layer(RequestBodyTimeoutLayer::new(Duration::from_secs(1)))
        .layer(layer().handler(counting_handler(&handled)))
        .service(unreachable_app());
    let server = serve(service).await;

    let stream = connect(server.addr, "Transfer-Encoding: chunked").await;
    let (mut reader, mut writer) = stream.into_split();
    // One byte every 20 ms, for as long as the server listens (at most the bound).
    let trickle = tokio::spawn(async move {
        for byte in SAMPLE.bytes().cycle().take(500) {
            let chunk = format!("1\r\n{}\r\n", byte as char);
            if writer.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
            sleep(Duration::from_millis(20)).await;
        }
    });
    let mut bytes = Vec::new();
    let _ = timeout(BOUND, async {
        let mut buffer = [0u8; 1024];
        while let Ok(n) = reader.read(&mut buffer).await {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buffer[..n]);
            if bytes.windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
    })
    .await;
    let head = String::from_utf8_lossy(&bytes);
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
    trickle.abort();
    assert_eq!(handled.load(Ordering::SeqCst), 0);
}

/// The same trickle without any timeout is still bounded by the body limit:
/// it ends with 413 once the limit is passed (here 64 bytes, at 10 ms a byte).
#[tokio::test]
async fn a_body_that_trickles_forever_ends_at_the_body_limit_at_the_latest() {
    let handled = Arc::new(AtomicUsize::new(0));
    let service = ServiceBuilder::new()
        .layer(layer().body_limit(64).handler(counting_handler(&handled)))
        .service(unreachable_app());
    let server = serve(service).await;

    let mut stream = connect(server.addr, "Transfer-Encoding: chunked").await;
    for byte in SAMPLE.bytes().take(100) {
        let chunk = format!("1\r\n{}\r\n", byte as char);
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    let reply = read_reply(&mut stream).await;
    let Reply::Answer(413, body) = reply else {
        panic!("{reply:?}");
    };
    assert_eq!(
        serde_json::from_slice::<Ack>(&body).unwrap().error_code(),
        3002
    );
    assert_eq!(handled.load(Ordering::SeqCst), 0);
}

// ----------------------------------------------------------- handler timeout

/// A handler that never finishes, behind `tower::timeout`: the webhook gets
/// 500/4001 after the timeout and the handler's future is dropped.
#[tokio::test]
async fn a_handler_that_never_finishes_ends_with_500_after_the_handler_timeout() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = dropped.clone();
    let never = service_fn(move |_: Request<BattleEnded>| {
        let guard = DropFlag(flag.clone());
        async move {
            let _guard = guard;
            std::future::pending::<Result<(), Infallible>>().await
        }
    });
    let handler = ServiceBuilder::new()
        .timeout(Duration::from_millis(200))
        .service(never);
    let service = layer().handler(handler).layer(unreachable_app());

    let response = timeout(BOUND, service.oneshot(webhook("b-1")))
        .await
        .expect("an answer within the bound")
        .unwrap();
    let (status, ack) = ack_of(response).await;
    assert_eq!(
        (status, ack.error_code()),
        (StatusCode::INTERNAL_SERVER_ERROR, 4001)
    );
    assert_eq!(ack.action_status(), ActionStatus::Fail);
    assert!(
        dropped.load(Ordering::SeqCst),
        "the handler's future is dropped"
    );
}

/// Forward mode: an app that never answers, behind tower-http's
/// `TimeoutLayer`, answers 408; the layer turns that into a FAIL ack (4002)
/// with the same status.
#[tokio::test]
async fn an_app_that_never_answers_ends_with_its_timeout_status_in_forward_mode() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = dropped.clone();
    let app = ServiceBuilder::new()
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_millis(200),
        ))
        .service(service_fn(move |_: Request<RequestBody<Full<Bytes>>>| {
            let guard = DropFlag(flag.clone());
            async move {
                let _guard = guard;
                std::future::pending::<Result<Response<Full<Bytes>>, Infallible>>().await
            }
        }));
    let service = layer().layer(app);
    let response = timeout(BOUND, service.oneshot(webhook("b-1")))
        .await
        .expect("an answer within the bound")
        .unwrap();
    let (status, ack) = ack_of(response).await;
    assert_eq!(
        (status, ack.error_code()),
        (StatusCode::REQUEST_TIMEOUT, 4002)
    );
    assert!(
        dropped.load(Ordering::SeqCst),
        "the app's future is dropped"
    );
}

// ------------------------------------------------------------------- panics

fn panicking_handler() -> impl Service<
    Request<BattleEnded>,
    Response = (),
    Error = Infallible,
    Future = impl Future<Output = Result<(), Infallible>> + Send,
> + Clone
       + Send
       + 'static {
    service_fn(|request: Request<BattleEnded>| async move {
        if request.body().battle_id == "panic" {
            panic!("the handler panicked (expected by this test)");
        }
        Ok::<_, Infallible>(())
    })
}

/// A panicking handler is caught by the layer itself, around the handler's
/// future: the answer is a 500 FAIL acknowledgement (4003), the connection
/// stays usable, and no `CatchPanicLayer` is needed. (A before-webhook gets its
/// fallback decision instead: `tests/decisions.rs`.)
#[tokio::test]
async fn a_panicking_handler_is_a_500_fail_ack_and_the_server_goes_on() {
    let service = ServiceBuilder::new()
        .layer(layer().handler(panicking_handler()))
        .service(unreachable_app());
    let server = serve(service).await;
    let body = SAMPLE.replace("4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=", "panic");
    let mut stream = connect(server.addr, &format!("Content-Length: {}", body.len())).await;
    stream.write_all(body.as_bytes()).await.unwrap();
    let Reply::Answer(status, answer) = read_reply(&mut stream).await else {
        panic!("the panic closed the connection unanswered");
    };
    let ack: Ack = serde_json::from_slice(&answer).unwrap();
    assert_eq!((status, ack.error_code()), (500, 4003));

    // The same connection, and another, are served as usual.
    let again = format!(
        "POST {PATH}?{QUERY} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{SAMPLE}",
        SAMPLE.len()
    );
    stream.write_all(again.as_bytes()).await.unwrap();
    assert_eq!(
        read_reply(&mut stream).await,
        Reply::Answer(200, Bytes::from_static(OK_ACK.as_bytes()))
    );
    let mut stream = connect(server.addr, &format!("Content-Length: {}", SAMPLE.len())).await;
    stream.write_all(SAMPLE.as_bytes()).await.unwrap();
    assert_eq!(
        read_reply(&mut stream).await,
        Reply::Answer(200, Bytes::from_static(OK_ACK.as_bytes()))
    );
}

/// tower-http's `CatchPanicLayer` outside the webhook layer never sees the
/// handler's panic: the layer has answered already.
#[tokio::test]
async fn catch_panic_outside_the_layer_is_not_needed() {
    let service = ServiceBuilder::new()
        .layer(CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send + 'static>| -> Response<Full<Bytes>> {
                unreachable!("the layer caught the panic first")
            },
        ))
        .layer(layer().handler(panicking_handler()))
        .service(unreachable_app::<Full<Bytes>>());
    let response = timeout(BOUND, service.clone().oneshot(webhook("panic")))
        .await
        .unwrap()
        .unwrap();
    let (status, ack) = ack_of(response).await;
    assert_eq!(
        (status, ack.error_code()),
        (StatusCode::INTERNAL_SERVER_ERROR, 4003)
    );
    let response = service.oneshot(webhook("fine")).await.unwrap();
    assert_eq!(ack_of(response).await.1, Ack::ok());

    // Forward mode: a panicking app is caught the same way.
    let app = service_fn(|_: Request<RequestBody<Full<Bytes>>>| async {
        panic!("the app panicked (expected by this test)");
        #[allow(unreachable_code)]
        Ok::<_, Infallible>(Response::new(Full::new(Bytes::new())))
    });
    let service = ServiceBuilder::new().layer(layer()).service(app);
    let response = service.oneshot(webhook("b-1")).await.unwrap();
    let (status, ack) = ack_of(response).await;
    assert_eq!(
        (status, ack.error_code()),
        (StatusCode::INTERNAL_SERVER_ERROR, 4003)
    );
}

// ------------------------------------------------------------- backpressure

/// A handler that takes a while, and records what it is doing.
#[derive(Clone, Default)]
struct Slow {
    in_flight: Arc<AtomicUsize>,
    most_in_flight: Arc<AtomicUsize>,
    finished: Arc<Mutex<HashSet<String>>>,
}

impl Slow {
    fn handler(
        &self,
        delay: Duration,
    ) -> impl Service<
        Request<BattleEnded>,
        Response = (),
        Error = Infallible,
        Future = impl Future<Output = Result<(), Infallible>> + Send,
    > + Clone
           + Send
           + 'static {
        let slow = self.clone();
        service_fn(move |request: Request<BattleEnded>| {
            let slow = slow.clone();
            async move {
                let now = slow.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                slow.most_in_flight.fetch_max(now, Ordering::SeqCst);
                sleep(delay).await;
                slow.finished
                    .lock()
                    .unwrap()
                    .insert(request.into_body().battle_id);
                slow.in_flight.fetch_sub(1, Ordering::SeqCst);
                Ok::<_, Infallible>(())
            }
        })
    }

    fn finished(&self, battle_id: &str) -> bool {
        self.finished.lock().unwrap().contains(battle_id)
    }
}

/// Sends `count` webhooks at once, each on its own task, and returns each
/// battle id with its answer, checking on arrival that an OK comes only for
/// a battle the handler has finished.
async fn burst<S, B>(service: S, count: usize, slow: &Slow) -> Vec<(String, StatusCode, Ack)>
where
    S: Service<Request<Full<Bytes>>, Response = Response<B>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: std::fmt::Debug,
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: std::fmt::Debug,
{
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let service = service.clone();
            let slow = slow.clone();
            tokio::spawn(async move {
                let battle_id = format!("battle-{i}");
                let response = service.oneshot(webhook(&battle_id)).await.unwrap();
                let (status, ack) = ack_of(response).await;
                if ack.is_ok() {
                    assert!(
                        slow.finished(&battle_id),
                        "{battle_id} acknowledged before it was handled"
                    );
                }
                (battle_id, status, ack)
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(
            timeout(BOUND, task)
                .await
                .expect("an answer within the bound")
                .unwrap(),
        );
    }
    answers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrency_limit_on_the_handler_holds_and_every_webhook_is_answered() {
    let slow = Slow::default();
    let handler = ServiceBuilder::new()
        .concurrency_limit(2)
        .service(slow.handler(Duration::from_millis(30)));
    let service = layer().handler(handler).layer(unreachable_app());
    let answers = burst(service, 24, &slow).await;
    assert_eq!(answers.len(), 24);
    for (battle_id, status, ack) in &answers {
        assert_eq!((*status, ack), (StatusCode::OK, &Ack::ok()), "{battle_id}");
    }
    assert_eq!(slow.finished.lock().unwrap().len(), 24);
    assert!(slow.most_in_flight.load(Ordering::SeqCst) <= 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buffer_in_front_of_a_concurrency_limit_holds_and_every_webhook_is_answered() {
    let slow = Slow::default();
    let handler = ServiceBuilder::new()
        .buffer(4)
        .concurrency_limit(2)
        .service(slow.handler(Duration::from_millis(30)));
    let service = layer().handler(handler).layer(unreachable_app());
    let answers = burst(service, 24, &slow).await;
    for (battle_id, status, ack) in &answers {
        assert_eq!((*status, ack), (StatusCode::OK, &Ack::ok()), "{battle_id}");
    }
    assert_eq!(slow.finished.lock().unwrap().len(), 24);
    assert!(slow.most_in_flight.load(Ordering::SeqCst) <= 2);
}

/// With load shedding instead of waiting, what cannot be handled now is
/// refused with 500/4001 at once (Tencent may redeliver it if its retry is
/// on); nothing unhandled is acknowledged, and everything is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_shedding_refuses_what_it_cannot_handle_and_acknowledges_only_what_it_did() {
    let slow = Slow::default();
    let handler = ServiceBuilder::new()
        .load_shed()
        .concurrency_limit(2)
        .service(slow.handler(Duration::from_millis(100)));
    let service = layer().handler(handler).layer(unreachable_app());
    let answers = burst(service, 12, &slow).await;
    let mut acknowledged = 0;
    for (battle_id, status, ack) in &answers {
        if ack.is_ok() {
            acknowledged += 1;
            assert!(slow.finished(battle_id));
        } else {
            assert_eq!(
                (*status, ack.error_code()),
                (StatusCode::INTERNAL_SERVER_ERROR, 4001)
            );
            assert!(
                !slow.finished(battle_id),
                "{battle_id} was handled but refused"
            );
        }
    }
    assert_eq!(acknowledged, slow.finished.lock().unwrap().len());
    assert!(acknowledged >= 2, "at least the first two are handled");
    assert!(slow.most_in_flight.load(Ordering::SeqCst) <= 2);
}

/// Forward mode: a concurrency limit on the inner service is respected too,
/// because the layer delegates `poll_ready` and calls the readied service.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrency_limit_on_the_app_holds_in_forward_mode() {
    let slow = Slow::default();
    let handler = slow.handler(Duration::from_millis(30));
    let app = service_fn(move |request: Request<RequestBody<Full<Bytes>>>| {
        let battle = request.extensions().get::<BattleEnded>().cloned().unwrap();
        let handled = handler.clone().oneshot(Request::new(battle));
        async move {
            handled.await?;
            Ok::<_, Infallible>(Response::new(Full::new(Bytes::new())))
        }
    });
    let service = ServiceBuilder::new()
        .layer(layer())
        .concurrency_limit(2)
        .service(app);
    let answers = burst(service, 24, &slow).await;
    for (battle_id, status, ack) in &answers {
        assert_eq!((*status, ack), (StatusCode::OK, &Ack::ok()), "{battle_id}");
    }
    assert!(slow.most_in_flight.load(Ordering::SeqCst) <= 2);
}
