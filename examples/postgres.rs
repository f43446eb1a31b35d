//! Persist, then acknowledge, from several replicas: every webhook on the
//! callback URL is kept in an inbox table in PostgreSQL, and every
//! battle-ended webhook is also written to its own tables, in the same
//! transaction, before Tencent gets its OK; what the layer authenticates but
//! refuses is kept as a dead letter. Run as many copies as you like against
//! one database.
//!
//! ```sh
//! DATABASE_URL=$(bash scripts/postgres.sh start) cargo run --example postgres
//! PORT=3004 DATABASE_URL=postgres://app@db.internal/battles TOKEN=secret cargo run --example postgres
//! tencent-webhook send --url http://127.0.0.1:3003/tencent/callback --event end
//! bash scripts/postgres.sh stop
//! ```
//!
//! `scripts/postgres.sh start` starts a throwaway local server (loopback only)
//! and prints its URL.
//!
//! - The layer receives every command on the URL, the table's and any other
//!   (`.receive_unknown()`), in handler mode: the handler's `Ok` is sent as
//!   the OK acknowledgement only after the transaction has committed; any
//!   `Err` is a 500 FAIL acknowledgement (ErrorCode 4001), and no error text
//!   goes back.
//! - The inbox (`examples/common/inbox.rs`) keeps every webhook as it
//!   arrived, under the crate's `IdempotencyKey`: an `exact` or `probable`
//!   key is unique, so a second delivery adds no row, whichever replica it
//!   reaches; a webhook without a key (strength `none`, such as a gift) gets
//!   a row per delivery.
//! - `INSERT ... ON CONFLICT (battle_id) DO NOTHING`: the database decides
//!   which delivery stores a battle, whichever replica it reaches. A second
//!   delivery that arrives while the first is still writing waits for its
//!   commit, inserts nothing, and is acknowledged OK: the battle is stored.
//! - Before-webhooks (gifts, room messages, and other commands whose name
//!   says `CallbackBefore`) are allowed: this example makes no decisions
//!   (`examples/gifts.rs` does). They go into the inbox after the answer, in
//!   a task of their own, and never delay it.
//! - The write has a deadline under Tencent's 2 seconds (`STORE_DEADLINE_MS`,
//!   default 1500), kept by the handler and by the server's
//!   `statement_timeout`; past it the answer is a FAIL rather than a late OK,
//!   held until 2.5 s after the request arrived so that Tencent, which ignores
//!   an after-webhook's answer codes, retries when its own 2 s run out (if
//!   retries are switched on in its console; `HOLD_FAILURES=0` answers at once).
//!
//! - Dead letters (`.dead_letters(..)`): every webhook the layer
//!   authenticates but refuses, or answers with its fallback, is handed to a
//!   bounded queue (`dead_letter_queue`) whose `call` never waits, before its
//!   answer; a task takes the letters off and writes them to a
//!   `dead_letters` table in the same database (`examples/common/inbox.rs`
//!   has its columns), each letter a row whatever its key: a letter is
//!   evidence. `examples/sqlite.rs` says more.
//!
//! Environment: `PORT` (default 3003), `SDKAPPID` (default 1400000001),
//! `TOKEN` (optional: require Tencent's signature), `DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:55432/tencent_live_webhook`, the server
//! `scripts/postgres.sh` starts), `POOL_SIZE` (default 16),
//! `DEAD_LETTER_QUEUE` (the queue's capacity, default 1024), `BODY_LIMIT`
//! (bytes, default 65536), `DEADLINE_MS` (a before-webhook's deadline,
//! default 1500), `STORE_DEADLINE_MS` (default 1500), `HOLD_FAILURES`
//! (default 1).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use deadpool_postgres::{Manager, Pool};
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use inbox::{AfterAnswer, DeadLetterRow, InboxRow, Later};
use tencent_live_webhook::{
    dead_letter_queue, BattleEnded, LiveEvent, LiveWebhookLayer, RawBody, Reply, RequestBody,
};
use tokio::net::TcpListener;
use tokio_postgres::NoTls;
use tower::{service_fn, ServiceBuilder};

#[path = "common/inbox.rs"]
mod inbox;

/// Created when missing. Replicas starting together take turns through an
/// advisory lock: concurrent `CREATE TABLE IF NOT EXISTS` can otherwise fail.
const SCHEMA: &str = "
SELECT pg_advisory_xact_lock(7243915802);
CREATE TABLE IF NOT EXISTS battles (
    battle_id      TEXT PRIMARY KEY,
    op_type        BIGINT,            -- why it ended: 0 time up, 1 owners left, 2 never started; NULL when not given
    create_time    BIGINT,            -- Unix seconds
    start_time     BIGINT,            -- Unix seconds
    end_time       BIGINT,            -- Unix seconds
    duration_ms    BIGINT,
    event_time_ms  BIGINT,            -- Unix milliseconds
    winner_room_id TEXT,              -- NULL for a draw or a battle that never started
    raw_body       TEXT NOT NULL,     -- the JSON as Tencent sent it
    stored_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS battle_rooms (
    battle_id      TEXT NOT NULL REFERENCES battles (battle_id),
    room_id        TEXT NOT NULL,
    position       INTEGER NOT NULL,  -- 0 for the room that started the battle
    score          BIGINT,
    owner_account  TEXT,              -- TEXT: accounts exceed 2^53, every digit is kept
    PRIMARY KEY (battle_id, room_id)
);
";

#[tokio::main]
async fn main() -> Result<(), Error> {
    let port: u16 = env_or("PORT", 3003)?;
    let app_id: u64 = env_or("SDKAPPID", 1400000001)?;
    let url: String = env_or(
        "DATABASE_URL",
        "postgres://postgres@127.0.0.1:55432/tencent_live_webhook".to_owned(),
    )?;
    let pool_size: usize = env_or("POOL_SIZE", 16)?;
    let deadline = Duration::from_millis(env_or("STORE_DEADLINE_MS", 1500)?);

    let store = Store::connect(&url, pool_size, deadline).await?;
    eprintln!("storing battles in PostgreSQL");
    let (sink, queue) = dead_letter_queue(env_or("DEAD_LETTER_QUEUE", 1024)?);
    // One task takes the letters off the queue and writes them, a batch at a time.
    let letters = store.clone();
    tokio::spawn(inbox::keep_dead_letters(queue, move |rows| {
        let letters = letters.clone();
        async move { letters.write_letters(&rows).await }
    }));

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

#[derive(Clone)]
struct Store {
    pool: Pool,
    deadline: Duration,
}

impl Store {
    async fn connect(url: &str, pool_size: usize, deadline: Duration) -> Result<Self, Error> {
        let mut config: tokio_postgres::Config = url.parse()?;
        config.connect_timeout(deadline);
        // The server, too, gives up on a statement at the deadline, so that no
        // pooled connection stays stuck behind a lock after a FAIL.
        let options = format!(
            "{} -c statement_timeout={}",
            config.get_options().unwrap_or_default(),
            deadline.as_millis()
        );
        config.options(options.trim_start());
        let pool = Pool::builder(Manager::new(config, NoTls))
            .max_size(pool_size)
            .build()?;

        let mut client = pool.get().await?;
        let transaction = client.transaction().await?;
        transaction.batch_execute(SCHEMA).await?;
        transaction.batch_execute(inbox::POSTGRES_SCHEMA).await?;
        transaction
            .batch_execute(inbox::POSTGRES_DEAD_LETTERS_SCHEMA)
            .await?;
        transaction.commit().await?;
        Ok(Self { pool, deadline })
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
        let write = self.write(&battle, &raw_body, &row);
        let result = match tokio::time::timeout(self.deadline, write).await {
            Ok(result) => result,
            Err(_) => Err("the deadline passed before the battle was stored".into()),
        };
        let id = &battle.battle_id;
        match &result {
            Ok(true) => eprintln!("battle {id}: stored"),
            Ok(false) => eprintln!("battle {id}: already stored"),
            Err(error) => eprintln!("battle {id}: not stored: {error}"),
        }
        result.map(|_| ())
    }

    /// Writes the battle, its rooms and its inbox row in one transaction;
    /// `false` when the battle was already stored.
    async fn write(
        &self,
        battle: &BattleEnded,
        raw_body: &str,
        row: &InboxRow,
    ) -> Result<bool, Error> {
        let mut client = self.pool.get().await?;
        let transaction = client.transaction().await?;
        let new_row = row.insert_postgres(&transaction).await?;
        let insert_battle = transaction
            .prepare_cached(
                "INSERT INTO battles (battle_id, op_type, create_time, start_time, end_time,
                                      duration_ms, event_time_ms, winner_room_id, raw_body)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (battle_id) DO NOTHING",
            )
            .await?;
        let inserted = transaction
            .execute(
                &insert_battle,
                &[
                    &battle.battle_id,
                    &battle.reason.code(),
                    &int(battle.create_time)?,
                    &int(battle.start_time)?,
                    &int(battle.end_time)?,
                    &int(battle.duration_ms)?,
                    &int(battle.event_time_ms)?,
                    &battle.winner().map(|room| room.room_id()),
                    &raw_body,
                ],
            )
            .await?;
        if inserted == 0 {
            transaction.commit().await?; // the inbox row, if it was new
            row.log(new_row);
            return Ok(false); // stored by an earlier delivery: nothing to do
        }
        let insert_room = transaction
            .prepare_cached(
                "INSERT INTO battle_rooms (battle_id, room_id, position, score, owner_account)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (battle_id, room_id) DO NOTHING",
            )
            .await?;
        // A room listed twice keeps its first entry; raw_body has them all.
        // The room that started the battle is position 0, even when the body
        // leaves it out; the invited rooms follow from 1.
        let rooms = battle.from_room.iter().map(|room| (0_i32, room));
        let rooms = rooms.chain(battle.to_rooms().iter().zip(1..).map(|(room, n)| (n, room)));
        for (position, room) in rooms {
            transaction
                .execute(
                    &insert_room,
                    &[
                        &battle.battle_id,
                        &room.room_id(),
                        &position,
                        &room.score,
                        &room.owner_account,
                    ],
                )
                .await?;
        }
        transaction.commit().await?;
        row.log(new_row);
        Ok(true)
    }

    /// An after-webhook with no table of its own: its inbox row, committed
    /// before the OK.
    async fn save_inbox(self, row: InboxRow) -> Result<(), Error> {
        let result = match tokio::time::timeout(self.deadline, self.write_inbox(&row)).await {
            Ok(result) => result,
            Err(_) => Err("the deadline passed before the webhook was stored".into()),
        };
        if let Err(error) = &result {
            eprintln!("inbox {}: not stored: {error}", row.label());
        }
        result
    }

    async fn write_inbox(&self, row: &InboxRow) -> Result<(), Error> {
        let mut client = self.pool.get().await?;
        let transaction = client.transaction().await?;
        let inserted = row.insert_postgres(&transaction).await?;
        transaction.commit().await?;
        row.log(inserted);
        Ok(())
    }

    /// A batch of dead letters, in one transaction.
    async fn write_letters(&self, rows: &[DeadLetterRow]) -> Result<(), Error> {
        let mut client = self.pool.get().await?;
        let transaction = client.transaction().await?;
        for row in rows {
            row.insert_postgres(&transaction).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// A before-webhook's row, written in a task of its own, after its
    /// answer; a failure is logged (the decision is out).
    fn store_later(&self, row: InboxRow) {
        let store = self.clone();
        tokio::spawn(async move {
            if let Err(error) = store.write_inbox(&row).await {
                eprintln!("inbox {}: not stored: {error}", row.label());
            }
        });
    }
}

/// PostgreSQL's BIGINT is signed; a time past `i64::MAX` is refused, and one
/// the body left out is NULL.
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
