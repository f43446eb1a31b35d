//! The layer in front of real servers (axum, bare hyper, tonic with HTTP/1.1
//! enabled), each bound to `127.0.0.1:0` and driven over real sockets.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Extension, Router};
use bytes::Bytes;
use http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::service::TowerToHyperService;
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK, PATH, TOKEN};
use tencent_live_webhook::{
    sign, Ack, ActionStatus, BattleEnded, BattleWebhookLayer, CallbackQuery, Platform, RawBody,
    RequestBody, ResponseBody,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tonic::transport::server::TcpIncoming;
use tower::limit::ConcurrencyLimitLayer;
use tower::make::Shared;
use tower::{service_fn, ServiceBuilder};
use tower_http::timeout::TimeoutLayer;

const COMMAND: &str = "Live.CallbackAfterEndBattle";
/// The documented sample of `Live.CallbackAfterEndBattle`.
const SAMPLE: &str = include_str!("fixtures/Live.CallbackAfterEndBattle/sample.json");
/// The bound on every network step.
const STEP: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, Debug)]
enum Kind {
    /// axum 0.8, the layer on the `Router`, forward mode.
    Axum,
    /// A bare hyper 1 connection loop, handler mode.
    Hyper,
    /// tonic 0.14 with `accept_http1(true)` and the health service, handler mode.
    Tonic,
}

const KINDS: [Kind; 3] = [Kind::Axum, Kind::Hyper, Kind::Tonic];

/// What the application saw of an accepted webhook.
#[derive(Debug)]
struct Seen {
    battle: BattleEnded,
    query: Option<CallbackQuery>,
    raw: Option<Bytes>,
}

/// A running server; dropping it stops accepting connections.
struct Server {
    addr: SocketAddr,
    events: UnboundedReceiver<Seen>,
    task: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    async fn next_event(&mut self) -> Seen {
        timeout(STEP, self.events.recv())
            .await
            .expect("no event within the time limit")
            .expect("the server stopped")
    }

    /// The handler or the inner service runs before the answer is sent, so an
    /// event it saw is already in the channel.
    #[track_caller]
    fn assert_no_event(&mut self, context: &str) {
        if let Ok(seen) = self.events.try_recv() {
            panic!("{context}: the application saw a refused webhook: {seen:?}");
        }
    }
}

fn layer() -> BattleWebhookLayer {
    BattleWebhookLayer::new(PATH).app_id(APP_ID)
}

async fn start(kind: Kind, layer: BattleWebhookLayer) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (events_tx, events) = unbounded_channel();
    let task = match kind {
        Kind::Axum => {
            let app = Router::new()
                .route("/", get(|| async { "hello" }))
                .route(PATH, post(forwarded))
                .with_state(events_tx)
                .layer(layer);
            tokio::spawn(async move { axum::serve(listener, app).await.unwrap() })
        }
        Kind::Hyper => {
            let service = ServiceBuilder::new()
                .layer(layer.handler(recorder(events_tx)))
                .service_fn(plain_app);
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let service = TowerToHyperService::new(service.clone());
                    tokio::spawn(async move {
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            })
        }
        Kind::Tonic => {
            let (_reporter, health) = tonic_health::server::health_reporter();
            let router = tonic::transport::Server::builder()
                .accept_http1(true)
                .layer(layer.handler(recorder(events_tx)))
                .add_service(health);
            tokio::spawn(async move {
                router
                    .serve_with_incoming(TcpIncoming::from(listener))
                    .await
                    .unwrap()
            })
        }
    };
    Server { addr, events, task }
}

/// Forward mode in axum: the event and the query arrive as extensions, the
/// body as the bytes the layer read. A 2xx answer becomes the OK ack.
async fn forwarded(
    State(events): State<UnboundedSender<Seen>>,
    Extension(battle): Extension<BattleEnded>,
    Extension(query): Extension<CallbackQuery>,
    raw: Bytes,
) -> StatusCode {
    let _ = events.send(Seen {
        battle,
        query: Some(query),
        raw: Some(raw),
    });
    StatusCode::NO_CONTENT
}

/// Handler mode: records what the handler is given.
fn recorder(
    events: UnboundedSender<Seen>,
) -> impl tower::Service<
    Request<BattleEnded>,
    Response = (),
    Error = Infallible,
    Future = std::future::Ready<Result<(), Infallible>>,
> + Clone
       + Send
       + 'static {
    service_fn(move |request: Request<BattleEnded>| {
        let (parts, battle) = request.into_parts();
        let _ = events.send(Seen {
            battle,
            query: parts.extensions.get::<CallbackQuery>().cloned(),
            raw: parts.extensions.get::<RawBody>().map(|raw| raw.0.clone()),
        });
        std::future::ready(Ok(()))
    })
}

/// The application behind the hyper server: `GET /` says hello, a POST to the
/// webhook path that the layer does not claim is echoed with 202, the rest is 404.
async fn plain_app(
    request: Request<RequestBody<Incoming>>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (status, body) = match (request.method(), request.uri().path()) {
        (&Method::GET, "/") => (StatusCode::OK, Bytes::from_static(b"hello")),
        (&Method::POST, PATH) => {
            let body = request.into_body().collect().await;
            (
                StatusCode::ACCEPTED,
                body.map(|b| b.to_bytes()).unwrap_or_default(),
            )
        }
        _ => (StatusCode::NOT_FOUND, Bytes::from_static(b"not found")),
    };
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    Ok(response)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The query Tencent appends, for `app_id`, plus `extra` (starting with `&`).
fn query(app_id: u64, extra: &str) -> String {
    format!(
        "SdkAppid={app_id}&CallbackCommand={COMMAND}&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI{extra}"
    )
}

fn signed(request_time: u64, token: &str) -> String {
    format!(
        "&Sign={}&RequestTime={request_time}",
        sign(token, request_time)
    )
}

#[derive(Debug)]
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Reply {
    #[track_caller]
    fn assert_ok(&self, context: &str) {
        assert_eq!(self.status, StatusCode::OK, "{context}: {self:?}");
        assert_eq!(
            self.headers.get(header::CONTENT_TYPE).unwrap(),
            "application/json",
            "{context}"
        );
        assert_eq!(self.body, OK_ACK, "{context}");
    }

    #[track_caller]
    fn assert_refused(&self, status: StatusCode, error_code: i64, context: &str) {
        assert_eq!(self.status, status, "{context}: {self:?}");
        assert_eq!(
            self.headers.get(header::CONTENT_TYPE).unwrap(),
            "application/json",
            "{context}"
        );
        let ack: Ack = serde_json::from_slice(&self.body).expect("a JSON acknowledgement");
        assert_eq!(ack.action_status(), ActionStatus::Fail, "{context}");
        assert_eq!(ack.error_code(), error_code, "{context}: {ack:?}");
        assert!(!ack.error_info().is_empty(), "{context}");
    }
}

/// Sends one request with hyper_util's legacy client.
async fn send(method: Method, addr: SocketAddr, path_and_query: &str, body: &str) -> Reply {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let request = Request::builder()
        .method(method)
        .uri(format!("http://{addr}{path_and_query}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::copy_from_slice(body.as_bytes())))
        .unwrap();
    let response = timeout(STEP, client.request(request))
        .await
        .expect("no answer within the time limit")
        .expect("the request failed");
    let (parts, body) = response.into_parts();
    let body = timeout(STEP, body.collect())
        .await
        .expect("no body within the time limit")
        .expect("the body failed")
        .to_bytes();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

async fn post_webhook(addr: SocketAddr, query: &str, body: &str) -> Reply {
    send(Method::POST, addr, &format!("{PATH}?{query}"), body).await
}

/// Opens a raw connection and writes a request head.
async fn raw_request(addr: SocketAddr, query: &str, framing: &str) -> TcpStream {
    let mut stream = timeout(STEP, TcpStream::connect(addr))
        .await
        .unwrap()
        .unwrap();
    let head = format!(
        "POST {PATH}?{query} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.flush().await.unwrap();
    stream
}

/// Writes each chunk in chunked encoding, pausing between them so they
/// arrive apart. Stops quietly if the server has closed the connection.
async fn write_chunks(stream: &mut TcpStream, chunks: &[&[u8]], finish: bool) {
    for chunk in chunks {
        let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
        frame.extend_from_slice(chunk);
        frame.extend_from_slice(b"\r\n");
        if stream.write_all(&frame).await.is_err() || stream.flush().await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    if finish {
        let _ = stream.write_all(b"0\r\n\r\n").await;
    }
}

/// Reads one HTTP/1.1 response with a `Content-Length` from a raw connection.
async fn read_reply(stream: &mut TcpStream) -> Reply {
    timeout(STEP, async {
        let mut buffer = Vec::new();
        loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = std::str::from_utf8(&buffer[..end]).expect("an ASCII head");
                let mut lines = head.split("\r\n");
                let status_line = lines.next().unwrap();
                let code = status_line.split(' ').nth(1).expect("a status code");
                let mut headers = HeaderMap::new();
                for line in lines {
                    let (name, value) = line.split_once(':').expect("a header line");
                    headers.append(
                        HeaderName::from_bytes(name.trim().as_bytes()).unwrap(),
                        HeaderValue::from_str(value.trim()).unwrap(),
                    );
                }
                let length: usize = headers
                    .get(header::CONTENT_LENGTH)
                    .expect("a Content-Length")
                    .to_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                let start = end + 4;
                if buffer.len() >= start + length {
                    return Reply {
                        status: StatusCode::from_bytes(code.as_bytes()).unwrap(),
                        headers,
                        body: Bytes::copy_from_slice(&buffer[start..start + length]),
                    };
                }
            }
            let read = stream.read_buf(&mut buffer).await.expect("read failed");
            assert!(read > 0, "the connection closed before a full response");
        }
    })
    .await
    .expect("no response within the time limit")
}

#[tokio::test]
async fn the_documented_sample_is_acknowledged_and_handed_on_exactly() {
    for kind in KINDS {
        let context = format!("{kind:?}");
        let mut server = start(kind, layer()).await;

        let reply = post_webhook(server.addr, &query(APP_ID, ""), SAMPLE).await;
        reply.assert_ok(&context);

        let seen = server.next_event().await;
        let battle = &seen.battle;
        assert_eq!(
            battle.battle_id, "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=",
            "{context}"
        );
        assert_eq!(
            battle.from_room().owner_account(),
            "144115245353757792",
            "{context}"
        );
        assert_eq!(battle.to_rooms().len(), 1, "{context}");
        assert_eq!(
            battle.to_rooms()[0].owner_account(),
            "144115245442327522",
            "{context}"
        );
        assert_eq!(battle.duration_ms, Some(30000), "{context}");
        assert_eq!(battle.event_time_ms, Some(1739956146119), "{context}");
        assert_eq!(seen.raw.as_deref(), Some(SAMPLE.as_bytes()), "{context}");
        let query = seen.query.expect("the CallbackQuery extension");
        assert_eq!(query.sdk_app_id, APP_ID, "{context}");
        assert_eq!(query.callback_command, COMMAND, "{context}");
        assert_eq!(query.client_ip.as_deref(), Some("127.0.0.1"), "{context}");
        assert_eq!(query.opt_platform, Some(Platform::RestApi), "{context}");
        server.assert_no_event(&context);
    }
}

#[tokio::test]
async fn other_requests_pass_through_to_the_inner_service() {
    for kind in [Kind::Axum, Kind::Hyper] {
        let context = format!("{kind:?}");
        let mut server = start(kind, layer()).await;

        let reply = send(Method::GET, server.addr, "/", "").await;
        assert_eq!(reply.status, StatusCode::OK, "{context}");
        assert_eq!(reply.body, "hello", "{context}");

        let reply = send(Method::GET, server.addr, "/missing", "").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{context}");
        server.assert_no_event(&context);
    }

    // Another command on the same path is not claimed: its body reaches the
    // inner service untouched, and no acknowledgement is written.
    let mut server = start(Kind::Hyper, layer()).await;
    let other = format!("{PATH}?SdkAppid={APP_ID}&CallbackCommand=Live.CallbackAfterStartBattle");
    let reply = send(Method::POST, server.addr, &other, "not json at all").await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert_eq!(reply.body, "not json at all");
    server.assert_no_event("another command");

    // tonic: a plain HTTP/1.1 GET reaches tonic's own router, which answers
    // with gRPC's "unimplemented".
    let mut server = start(Kind::Tonic, layer()).await;
    let reply = send(Method::GET, server.addr, "/", "").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers.get("grpc-status").unwrap(), "12");
    server.assert_no_event("tonic");
}

#[tokio::test]
async fn an_unknown_app_id_is_refused_with_403() {
    for kind in KINDS {
        let context = format!("{kind:?}");
        let mut server = start(kind, layer()).await;

        let reply = post_webhook(server.addr, &query(1400000002, ""), SAMPLE).await;
        reply.assert_refused(StatusCode::FORBIDDEN, 1003, &context);
        server.assert_no_event(&context);
    }
}

#[tokio::test]
async fn signatures_are_checked() {
    for kind in KINDS {
        let context = format!("{kind:?}");
        let mut server = start(kind, layer().token(TOKEN)).await;
        let time = now();

        let reply = post_webhook(server.addr, &query(APP_ID, &signed(time, TOKEN)), SAMPLE).await;
        reply.assert_ok(&context);
        let seen = server.next_event().await;
        assert_eq!(
            seen.battle.from_room().owner_account(),
            "144115245353757792"
        );
        assert_eq!(seen.query.unwrap().request_time, Some(time), "{context}");

        let bad = signed(time, "another-token");
        let reply = post_webhook(server.addr, &query(APP_ID, &bad), SAMPLE).await;
        reply.assert_refused(StatusCode::UNAUTHORIZED, 2004, &context);

        let reply = post_webhook(server.addr, &query(APP_ID, ""), SAMPLE).await;
        reply.assert_refused(StatusCode::UNAUTHORIZED, 2001, &context);

        let stale = signed(time - 3600, TOKEN);
        let reply = post_webhook(server.addr, &query(APP_ID, &stale), SAMPLE).await;
        reply.assert_refused(StatusCode::UNAUTHORIZED, 2003, &context);

        server.assert_no_event(&context);
    }
}

#[tokio::test]
async fn a_chunked_body_is_assembled() {
    for kind in KINDS {
        let context = format!("{kind:?}");
        let mut server = start(kind, layer().body_limit(1024)).await;

        let mut stream = raw_request(
            server.addr,
            &query(APP_ID, ""),
            "Transfer-Encoding: chunked",
        )
        .await;
        let (first, rest) = SAMPLE.as_bytes().split_at(100);
        let (second, third) = rest.split_at(150);
        write_chunks(&mut stream, &[first, second, third], true).await;
        read_reply(&mut stream).await.assert_ok(&context);

        let seen = server.next_event().await;
        assert_eq!(
            seen.battle.from_room().owner_account(),
            "144115245353757792"
        );
        assert_eq!(seen.raw.as_deref(), Some(SAMPLE.as_bytes()), "{context}");
    }
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_is_cut_off_with_413() {
    for kind in KINDS {
        let context = format!("{kind:?}");
        let mut server = start(kind, layer().body_limit(1024)).await;

        let mut stream = raw_request(
            server.addr,
            &query(APP_ID, ""),
            "Transfer-Encoding: chunked",
        )
        .await;
        // 1200 bytes in three chunks, and no final chunk: the answer can only
        // come from cutting the stream off, not from reading it to its end.
        let chunk = [b' '; 400];
        write_chunks(&mut stream, &[&chunk, &chunk, &chunk], false).await;
        read_reply(&mut stream)
            .await
            .assert_refused(StatusCode::PAYLOAD_TOO_LARGE, 3002, &context);
        server.assert_no_event(&context);
    }
}

#[tokio::test]
async fn a_content_length_over_the_limit_is_refused_before_the_body_is_sent() {
    for kind in KINDS {
        let context = format!("{kind:?}");
        let mut server = start(kind, layer().body_limit(1024)).await;

        // Only the head is sent: the 413 must come without a single body byte.
        let mut stream =
            raw_request(server.addr, &query(APP_ID, ""), "Content-Length: 100000").await;
        read_reply(&mut stream)
            .await
            .assert_refused(StatusCode::PAYLOAD_TOO_LARGE, 3002, &context);
        server.assert_no_event(&context);
    }
}

#[tokio::test]
async fn tonic_serves_grpc_health_and_the_webhook_on_one_port() {
    use tonic_health::pb::health_check_response::ServingStatus;
    use tonic_health::pb::health_client::HealthClient;
    use tonic_health::pb::HealthCheckRequest;

    let mut server = start(Kind::Tonic, layer()).await;

    let endpoint = tonic::transport::Channel::from_shared(format!("http://{}", server.addr))
        .unwrap()
        .connect_timeout(STEP)
        .timeout(STEP);
    let channel = timeout(STEP, endpoint.connect()).await.unwrap().unwrap();
    let mut health = HealthClient::new(channel);
    let check = health.check(HealthCheckRequest {
        service: String::new(),
    });
    let status = timeout(STEP, check).await.unwrap().unwrap().into_inner();
    assert_eq!(status.status(), ServingStatus::Serving);

    let reply = post_webhook(server.addr, &query(APP_ID, ""), SAMPLE).await;
    reply.assert_ok("tonic");
    let seen = server.next_event().await;
    assert_eq!(
        seen.battle.from_room().owner_account(),
        "144115245353757792"
    );

    // gRPC still works on the same port after the webhook.
    let check = health.check(HealthCheckRequest {
        service: String::new(),
    });
    let status = timeout(STEP, check).await.unwrap().unwrap().into_inner();
    assert_eq!(status.status(), ServingStatus::Serving);
}

/// The layer in one `ServiceBuilder` with a timeout and a concurrency limit,
/// in front of a whole axum `Router`, served by `axum::serve`.
#[tokio::test]
async fn the_layer_composes_with_other_tower_layers_around_an_axum_router() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (events_tx, mut events) = unbounded_channel();

    // Wide enough that no webhook is cut off on a loaded CI machine, and under
    // the client's `STEP`, so the 408 arrives; `/slow` never answers by itself.
    let whole_request = Duration::from_secs(5);
    let router = Router::new()
        .route("/", get(|| async { "hello" }))
        .route("/slow", get(std::future::pending::<&str>))
        .route(PATH, post(forwarded))
        .with_state(events_tx);
    let service = ServiceBuilder::new()
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            whole_request,
        ))
        .layer(ConcurrencyLimitLayer::new(16))
        // axum::serve wants axum's own body type back.
        .map_response(|response: Response<ResponseBody<Body>>| response.map(Body::new))
        .layer(layer().token(TOKEN))
        .service(router);
    let task =
        tokio::spawn(async move { axum::serve(listener, Shared::new(service)).await.unwrap() });

    let time = now();
    let reply = post_webhook(addr, &query(APP_ID, &signed(time, TOKEN)), SAMPLE).await;
    reply.assert_ok("composed");
    let seen = timeout(STEP, events.recv()).await.unwrap().unwrap();
    assert_eq!(
        seen.battle.from_room().owner_account(),
        "144115245353757792"
    );
    assert_eq!(seen.raw.as_deref(), Some(SAMPLE.as_bytes()));

    let bad = signed(time, "another-token");
    post_webhook(addr, &query(APP_ID, &bad), SAMPLE)
        .await
        .assert_refused(StatusCode::UNAUTHORIZED, 2004, "composed");
    assert!(events.try_recv().is_err());

    let reply = send(Method::GET, addr, "/", "").await;
    assert_eq!(
        (reply.status, &reply.body[..]),
        (StatusCode::OK, &b"hello"[..])
    );

    // The timeout in front of everything is live.
    let reply = send(Method::GET, addr, "/slow", "").await;
    assert_eq!(reply.status, StatusCode::REQUEST_TIMEOUT);

    task.abort();
}
