//! Persist, then acknowledge: every webhook on the callback URL is kept in an
//! inbox table of a SQLite file, and every battle-ended webhook is also
//! written to its own tables, in the same transaction, before Tencent gets
//! its OK. Every webhook the layer authenticates but refuses, or answers with
//! its fallback, is kept as a dead letter in a SQLite file of its own.
//!
//! ```sh
//! cargo run --example sqlite    # http://127.0.0.1:3002, battles in ./battles.sqlite3
//! SQLITE_PATH=/var/lib/battles.sqlite3 PORT=8080 TOKEN=secret cargo run --example sqlite
//! tencent-webhook send --url http://127.0.0.1:3002/tencent/callback --event end
//! sqlite3 battles.sqlite3 'SELECT * FROM battle_rooms; SELECT id, key, strength, command FROM inbox'
//! sqlite3 battles.dead-letters.sqlite3 'SELECT id, reason, error_code, command, truncated FROM dead_letters'
//! ```
//!
//! - The layer receives every command on the URL, the table's and any other
//!   (`.receive_unknown()`), in handler mode: the handler's `Ok` is sent as
//!   the OK acknowledgement only after the transaction has committed; any
//!   `Err` is a 500 FAIL acknowledgement (ErrorCode 4001), and no error text
//!   goes back.
//! - The inbox (`examples/common/inbox.rs`) keeps every webhook as it
//!   arrived, under the crate's `IdempotencyKey`: an `exact` or `probable`
//!   key is unique, so a second delivery (a Tencent retry, a replay within
//!   the signature window) adds no row; a webhook without a key (strength
//!   `none`, such as a gift) gets a row per delivery.
//! - `battle_id` is the battles' primary key: a second delivery of a battle
//!   inserts nothing and is still acknowledged OK: the battle is stored.
//! - Before-webhooks (gifts, room messages, and other commands whose name
//!   says `CallbackBefore`) are allowed: this example makes no decisions
//!   (`examples/gifts.rs` does). They go into the inbox after the answer, on
//!   a blocking thread of their own, and never delay it.
//! - The write has a deadline under Tencent's 2 seconds (`STORE_DEADLINE_MS`,
//!   default 1500): SQLite waits for a lock held elsewhere only that long, and
//!   the answer is a FAIL rather than a late OK. Tencent ignores an
//!   after-webhook's answer codes and retries (when retries are switched on in
//!   its console) only when its own 2 s run out, so the FAIL is held until
//!   2.5 s after the request arrived (`.hold_failures()`; `HOLD_FAILURES=0`
//!   answers at once). A write abandoned at the deadline may still commit
//!   afterwards; the retry then finds it stored.
//! - Dead letters (`.dead_letters(..)`): a body that is not JSON or not the
//!   event, over `BODY_LIMIT`, whose command is not the query's, a query with
//!   `CallbackCommand` twice, a before-webhook past its deadline, a handler
//!   that failed (the inbox could not be written). The layer hands each to a
//!   bounded queue (`dead_letter_queue`) whose `call` never waits, before its
//!   answer; a task takes them off and writes them to the `dead_letters`
//!   table of `DEAD_LETTERS_PATH` (`examples/common/inbox.rs` has its
//!   columns), each letter a row whatever its key: a letter is evidence, and
//!   a Tencent retry of a failed after-webhook may then be both a letter and,
//!   once stored, an inbox row. A full queue drops letters and counts them
//!   (logged). Only authentic webhooks become letters: set `TOKEN`, or anyone
//!   who knows the app id can write them. "Nothing lost" ends at the body
//!   limit: a body over it is kept up to the limit, or not at all when its
//!   `Content-Length` says so (`truncated`).
//! - rusqlite is blocking, so writes run on tokio's blocking threads, one at a
//!   time through one connection (SQLite has one writer anyway).
//!
//! Environment: `PORT` (default 3002), `SDKAPPID` (default 1400000001),
//! `TOKEN` (optional: require Tencent's signature), `SQLITE_PATH` (default
//! `battles.sqlite3`), `DEAD_LETTERS_PATH` (default: `SQLITE_PATH` with the
//! extension `dead-letters.sqlite3`), `DEAD_LETTER_QUEUE` (the queue's
//! capacity, default 1024), `BODY_LIMIT` (bytes, default 65536),
//! `DEADLINE_MS` (a before-webhook's deadline, default 1500),
//! `STORE_DEADLINE_MS` (default 1500), `HOLD_FAILURES` (default 1).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use inbox::{AfterAnswer, InboxRow, Later, SqliteDeadLetters};
use rusqlite::{params, Connection, TransactionBehavior};
use tencent_live_webhook::{
    dead_letter_queue, BattleEnded, LiveEvent, LiveWebhookLayer, RawBody, Reply, RequestBody,
};
use tokio::net::TcpListener;
use tower::{service_fn, ServiceBuilder};

#[path = "common/inbox.rs"]
mod inbox;

/// Created when missing; a restart on the same file keeps everything stored.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS battles (
    battle_id      TEXT PRIMARY KEY NOT NULL,
    op_type        INTEGER,            -- why it ended: 0 time up, 1 owners left, 2 never started; NULL when not given
    create_time    INTEGER,            -- Unix seconds
    start_time     INTEGER,            -- Unix seconds
    end_time       INTEGER,            -- Unix seconds
    duration_ms    INTEGER,
    event_time_ms  INTEGER,            -- Unix milliseconds
    winner_room_id TEXT,               -- NULL for a draw or a battle that never started
    raw_body       TEXT NOT NULL,      -- the JSON as Tencent sent it
    stored_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS battle_rooms (
    battle_id      TEXT NOT NULL REFERENCES battles (battle_id),
    room_id        TEXT NOT NULL,
    position       INTEGER NOT NULL,   -- 0 for the room that started the battle
    score          INTEGER,
    owner_account  TEXT,               -- TEXT: accounts exceed 2^53, every digit is kept
    PRIMARY KEY (battle_id, room_id)
);
";

#[tokio::main]
async fn main() -> Result<(), Error> {
    let port: u16 = env_or("PORT", 3002)?;
    let app_id: u64 = env_or("SDKAPPID", 1400000001)?;
    let path: String = env_or("SQLITE_PATH", "battles.sqlite3".to_owned())?;
    let letters_path: PathBuf = match std::env::var_os("DEAD_LETTERS_PATH") {
        Some(letters_path) => letters_path.into(),
        None => Path::new(&path).with_extension("dead-letters.sqlite3"),
    };
    let deadline = Duration::from_millis(env_or("STORE_DEADLINE_MS", 1500)?);

    let store = Store::open(Path::new(&path), deadline)?;
    eprintln!("storing battles in {path}");
    // A file of their own: their writes never wait for the inbox's writer,
    // nor hold it up, and a letter is kept when the inbox's file cannot be
    // written (the failures that causes are letters too).
    let letters = SqliteDeadLetters::open(&letters_path)?;
    eprintln!("keeping dead letters in {}", letters_path.display());
    let (sink, queue) = dead_letter_queue(env_or("DEAD_LETTER_QUEUE", 1024)?);
    letters.keep(queue);

    let mut webhook = LiveWebhookLayer::new("/tencent/callback")
        .app_id(app_id)
        .receive_unknown()
        .body_limit(env_or("BODY_LIMIT", 64 * 1024)?)
        .deadline(Duration::from_millis(env_or("DEADLINE_MS", 1500)?))
        .dead_letters(sink);
    if env_or("HOLD_FAILURES", 1u8)? == 1 {
        // Tencent retries (when switched on) only when its 2 s run out.
        webhook = webhook.hold_failures();
    }
    if let Some(token) = std::env::var("TOKEN")
        .ok()
        .filter(|token| !token.is_empty())
    {
        webhook = webhook.token(token);
    }
    let handler = store.clone();
    let webhook = webhook.handler(service_fn(move |request: Request<LiveEvent>| {
        handler.clone().handle(request)
    }));
    let service = ServiceBuilder::new().layer(webhook).service_fn(not_found);
    // Before-webhooks reach the inbox once they are answered.
    let service = AfterAnswer::new(service, move |row| store.store_later(row));

    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        let service = TowerToHyperService::new(service.clone());
        tokio::spawn(async move {
            if let Err(error) = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                eprintln!("connection error: {error}");
            }
        });
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

/// One connection, shared by the handler's calls.
#[derive(Clone)]
struct Store {
    connection: Arc<Mutex<Connection>>,
    deadline: Duration,
}

impl Store {
    fn open(path: &Path, deadline: Duration) -> rusqlite::Result<Self> {
        let connection = Connection::open(path)?;
        // WAL: readers never wait for the writer. synchronous = FULL: SQLite
        // syncs the WAL (fsync) before a commit returns, so before the OK is
        // sent. Whether a commit survives a power loss is then up to the OS and
        // the disk; tests/sqlite.rs kills the process, which shows only that the
        // commit came before the OK.
        let mode: String =
            connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            eprintln!("journal mode is {mode}, not WAL");
        }
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.execute_batch(SCHEMA)?;
        connection.execute_batch(inbox::SQLITE_SCHEMA)?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
            deadline,
        })
    }

    /// The handler: an after-webhook is acknowledged only once it is
    /// committed, or was already; a before-webhook is allowed at once.
    async fn handle(self, request: Request<LiveEvent>) -> Result<Reply, Error> {
        let row = InboxRow::of(&request)?;
        if inbox::is_before(&row.command) {
            // Stored once the answer is made (without AfterAnswer, now).
            match request.extensions().get::<Later>() {
                Some(later) => later.push(row),
                None => self.store_later(row),
            }
            return Ok(inbox::allow(request.body().callback_command()));
        }
        if matches!(request.body(), LiveEvent::BattleEnded(_)) {
            let raw_body = match request.extensions().get::<RawBody>() {
                Some(raw) => String::from_utf8_lossy(&raw.0).into_owned(),
                None => serde_json::to_string(request.body())?,
            };
            if let LiveEvent::BattleEnded(battle) = request.into_body() {
                return self.save(battle, raw_body, row).await.map(Reply::from);
            }
        }
        self.save_inbox(row).await.map(Reply::from)
    }

    /// A battle and its inbox row: `Ok` only once committed, or already.
    async fn save(self, battle: BattleEnded, raw_body: String, row: InboxRow) -> Result<(), Error> {
        let deadline = Instant::now() + self.deadline;
        let id = battle.battle_id.clone();
        let write = tokio::task::spawn_blocking(move || {
            let written = self.write(&battle, &raw_body, &row, deadline);
            if let Err(error) = &written {
                eprintln!(
                    "battle {}: write ended, nothing committed: {error}",
                    battle.battle_id
                );
            }
            written
        });
        let result = match tokio::time::timeout_at(deadline.into(), write).await {
            Ok(Ok(result)) => result,
            Ok(Err(panicked)) => Err(panicked.into()),
            Err(_) => Err("the deadline passed before the battle was stored".into()),
        };
        match &result {
            Ok(true) => eprintln!("battle {id}: stored"),
            Ok(false) => eprintln!("battle {id}: already stored"),
            Err(error) => eprintln!("battle {id}: not stored: {error}"),
        }
        result.map(|_| ())
    }

    /// Writes the battle, its rooms and its inbox row in one transaction;
    /// `false` when the battle was already stored. Gives up at `deadline`.
    fn write(
        &self,
        battle: &BattleEnded,
        raw_body: &str,
        row: &InboxRow,
        deadline: Instant,
    ) -> Result<bool, Error> {
        let mut connection = self.connection_until(deadline)?;
        // IMMEDIATE takes the write lock at BEGIN, where the busy timeout applies.
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let new_row = row.insert_sqlite(&transaction)?;
        let inserted = transaction.execute(
            "INSERT INTO battles (battle_id, op_type, create_time, start_time, end_time,
                                  duration_ms, event_time_ms, winner_room_id, raw_body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (battle_id) DO NOTHING",
            params![
                battle.battle_id,
                battle.reason.code(),
                int(battle.create_time)?,
                int(battle.start_time)?,
                int(battle.end_time)?,
                int(battle.duration_ms)?,
                int(battle.event_time_ms)?,
                battle.winner().map(|room| room.room_id()),
                raw_body,
            ],
        )?;
        if inserted == 0 {
            transaction.commit()?; // the inbox row, if it was new
            row.log(new_row);
            return Ok(false); // stored by an earlier delivery: nothing to do
        }
        {
            let mut insert_room = transaction.prepare_cached(
                "INSERT INTO battle_rooms (battle_id, room_id, position, score, owner_account)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (battle_id, room_id) DO NOTHING",
            )?;
            // A room listed twice keeps its first entry; raw_body has them all.
            // The room that started the battle is position 0, even when the body
            // leaves it out; the invited rooms follow from 1.
            let rooms = battle.from_room.iter().map(|room| (0_i64, room));
            let rooms = rooms.chain(battle.to_rooms().iter().zip(1..).map(|(room, n)| (n, room)));
            for (position, room) in rooms {
                insert_room.execute(params![
                    battle.battle_id,
                    room.room_id(),
                    position,
                    room.score,
                    room.owner_account,
                ])?;
            }
        }
        transaction.commit()?;
        row.log(new_row);
        Ok(true)
    }
}

impl Store {
    /// The connection, with SQLite's busy timeout set to what is left of
    /// `deadline`.
    fn connection_until(&self, deadline: Instant) -> Result<MutexGuard<'_, Connection>, Error> {
        let connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err("the deadline passed while waiting for the connection".into());
        }
        // How long SQLite waits for another process's lock.
        connection.busy_timeout(left)?;
        Ok(connection)
    }

    /// An after-webhook with no table of its own: its inbox row, committed
    /// before the OK.
    async fn save_inbox(self, row: InboxRow) -> Result<(), Error> {
        let deadline = Instant::now() + self.deadline;
        let label = row.label();
        let write = tokio::task::spawn_blocking(move || self.write_inbox(&row, deadline));
        let result = match tokio::time::timeout_at(deadline.into(), write).await {
            Ok(Ok(result)) => result,
            Ok(Err(panicked)) => Err(panicked.into()),
            Err(_) => Err("the deadline passed before the webhook was stored".into()),
        };
        if let Err(error) = &result {
            eprintln!("inbox {label}: not stored: {error}");
        }
        result
    }

    fn write_inbox(&self, row: &InboxRow, deadline: Instant) -> Result<(), Error> {
        let mut connection = self.connection_until(deadline)?;
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let inserted = row.insert_sqlite(&transaction)?;
        transaction.commit()?;
        row.log(inserted);
        Ok(())
    }

    /// A before-webhook's row, written on a blocking thread of its own,
    /// after its answer; a failure is logged (the decision is out).
    fn store_later(&self, row: InboxRow) {
        let store = self.clone();
        tokio::task::spawn_blocking(move || {
            // Later rows wait for the writer as long as they need to.
            let deadline = Instant::now() + Duration::from_secs(60);
            if let Err(error) = store.write_inbox(&row, deadline) {
                eprintln!("inbox {}: not stored: {error}", row.label());
            }
        });
    }
}

/// SQLite integers are signed 64-bit; a time past `i64::MAX` is refused, and
/// one the body left out is NULL.
fn int(value: Option<u64>) -> Result<Option<i64>, Error> {
    Ok(value.map(i64::try_from).transpose()?)
}

/// Everything that is not the webhook.
async fn not_found(_: Request<RequestBody<Incoming>>) -> Result<Response<Full<Bytes>>, Infallible> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"not found")));
    *response.status_mut() = StatusCode::NOT_FOUND;
    Ok(response)
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .map_err(|_| format!("{name} is not valid: {value:?}")),
        Err(_) => Ok(default),
    }
}
