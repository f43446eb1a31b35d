//! A receiver inside the test, on 127.0.0.1 at a port the OS chose: it
//! records every request and answers what the test says; it stops when
//! dropped.

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tencent_live_webhook::testing::fixtures::OK_ACK;
use tokio::net::TcpListener;
use tokio::sync::Barrier;
use tokio::task::JoinHandle;

/// An after-webhook's acknowledgement of a handler that failed.
pub const FAIL: &str = r#"{"ActionStatus":"FAIL","ErrorInfo":"handler failed","ErrorCode":1}"#;

/// A request as the receiver saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub body: Bytes,
}

impl Seen {
    /// The query's pairs, decoded, in order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_bytes())
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect()
    }

    /// The value of the query's pair `name`.
    pub fn get(&self, name: &str) -> Option<String> {
        self.pairs()
            .into_iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The query's `CallbackCommand`.
    pub fn command(&self) -> String {
        self.get("CallbackCommand").unwrap_or_default()
    }
}

pub type Answerer = Arc<dyn Fn(usize, &Seen) -> (u16, String) + Send + Sync>;

pub struct Receiver {
    /// Its callback URL.
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// The most requests it held unanswered at once.
    pub most_in_flight: Arc<AtomicUsize>,
    /// How many held requests were answered when the barrier timed out.
    pub barrier_timed_out: Arc<AtomicUsize>,
    server: JoinHandle<()>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Receiver {
    /// Answers every request with `answer(arrival, request)`: an HTTP status
    /// and a body.
    pub async fn start(
        answer: impl Fn(usize, &Seen) -> (u16, String) + Send + Sync + 'static,
    ) -> Self {
        Self::start_with(Arc::new(answer), 0).await
    }

    /// Answers every request with an OK acknowledgement.
    pub async fn ok() -> Self {
        Self::start(|_, _| (200, OK_ACK.to_owned())).await
    }

    /// Answers HTTP 200 with [`FAIL`] to the webhooks of `command`, and OK
    /// to the others.
    pub async fn failing(command: &str) -> Self {
        let command = command.to_owned();
        Self::start(move |_, request| {
            let answer = if request.command() == command {
                FAIL
            } else {
                OK_ACK
            };
            (200, answer.to_owned())
        })
        .await
    }

    /// As [`start`](Self::start), but the first `hold` requests are answered
    /// only once `hold` of them are in flight at once (or after a timeout,
    /// which is counted).
    pub async fn start_with(answer: Answerer, hold: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let most_in_flight = Arc::new(AtomicUsize::new(0));
        let barrier_timed_out = Arc::new(AtomicUsize::new(0));
        let barrier = Arc::new(Barrier::new(hold.max(1)));
        let state = (
            Arc::clone(&seen),
            in_flight,
            Arc::clone(&most_in_flight),
            Arc::clone(&barrier_timed_out),
        );
        let server = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (seen, in_flight, most, timed_out) = state.clone();
                let (answer, barrier) = (Arc::clone(&answer), Arc::clone(&barrier));
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                        let (seen, in_flight, most, timed_out) = (
                            seen.clone(),
                            in_flight.clone(),
                            most.clone(),
                            timed_out.clone(),
                        );
                        let (answer, barrier) = (answer.clone(), barrier.clone());
                        async move {
                            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            let (parts, body) = request.into_parts();
                            let body = body
                                .collect()
                                .await
                                .map(|b| b.to_bytes())
                                .unwrap_or_default();
                            let request = Seen {
                                method: parts.method.to_string(),
                                path: parts.uri.path().to_owned(),
                                query: parts.uri.query().unwrap_or_default().to_owned(),
                                body,
                            };
                            let arrival = {
                                let mut seen = seen.lock().expect("lock");
                                seen.push(request.clone());
                                seen.len() - 1
                            };
                            if arrival < hold
                                && tokio::time::timeout(Duration::from_secs(10), barrier.wait())
                                    .await
                                    .is_err()
                            {
                                timed_out.fetch_add(1, Ordering::SeqCst);
                            }
                            let (status, text) = answer(arrival, &request);
                            in_flight.fetch_sub(1, Ordering::SeqCst);
                            let response = Response::builder()
                                .status(status)
                                .header("content-type", "application/json")
                                .body(Full::new(Bytes::from(text)))
                                .expect("a response");
                            Ok::<_, Infallible>(response)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self {
            url: format!("http://{address}/tencent/callback"),
            seen,
            most_in_flight,
            barrier_timed_out,
            server,
        }
    }

    /// Every request so far, in the order they arrived.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }
}
