//! The inbox the storage examples share (`examples/sqlite.rs`,
//! `examples/postgres.rs`): every webhook the layer accepts is kept as it
//! arrived, one row per event where the event can be told apart.
//!
//! - Its key is the crate's [`IdempotencyKey`]: `Exact` and `Probable` keys
//!   are unique (`INSERT ... ON CONFLICT (key) DO NOTHING`: a retry adds
//!   nothing); a webhook of strength `none` has no key (`NULL`, which never
//!   conflicts), only its surrogate `id`, so a retry of it is stored twice.
//! - After-webhooks: the row is written in the same transaction as the
//!   example's own rows, and the OK goes out after the commit.
//! - Before-webhooks: the decision is not held up by storage. The handler
//!   leaves the row in the request's [`Later`], and [`AfterAnswer`], around
//!   the whole service, hands it to the store once the answer is made (or the
//!   request is dropped). A crash in between loses that row.
//! - The query is kept without `Sign` and `RequestTime`: a signed URL is valid
//!   for any body within Tencent's minute.
//! - Dead letters (what the layer authenticated but refused, or answered
//!   with a fallback) have a table of their own, [`SQLITE_DEAD_LETTERS_SCHEMA`]:
//!   a row per letter, whatever its key. The layer hands them to a
//!   `dead_letter_queue`; [`keep_dead_letters`] takes them off it and has the
//!   example write them.
//!
//! Included by each example with `#[path = "common/inbox.rs"] mod inbox;`
//! (cargo does not build `examples/common/` as an example of its own).

// Each example uses its own database's half.
#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::Request;
use tencent_live_webhook::{
    C2cMessageDecision, CallbackQuery, ChatbotReply, CreateGroupDecision,
    CreateOfficialAccountDecision, CreateTopicDecision, DeadLetter, DeadLetterReason,
    DeadLetterReceiver, FriendDecision, GiftDecision, IdempotencyKey, InviteDecision,
    JoinGroupDecision, MessageDecision, OfficialMessageDecision, RawBody, Reply,
    SubscriberDecision, TencentEvent, WebhookEvent,
};
use tower::Service;

/// The inbox in SQLite (the workspace's one definition, `schema/`).
pub const SQLITE_SCHEMA: &str = include_str!("../../schema/sqlite/inbox.sql");

/// The inbox in PostgreSQL; the same columns.
pub const POSTGRES_SCHEMA: &str = include_str!("../../schema/postgres/inbox.sql");

/// The table for the layer's dead letters (webhooks it authenticated but
/// refused, or answered with a fallback): every letter is a row, whatever its
/// key. Its columns are described in the file.
pub const SQLITE_DEAD_LETTERS_SCHEMA: &str = include_str!("../../schema/sqlite/dead_letters.sql");

/// [`SQLITE_DEAD_LETTERS_SCHEMA`] in PostgreSQL.
pub const POSTGRES_DEAD_LETTERS_SCHEMA: &str =
    include_str!("../../schema/postgres/dead_letters.sql");

/// A letter's row: always added, never deduplicated.
pub const SQLITE_INSERT_DEAD_LETTER: &str = "INSERT INTO dead_letters
     (reason, error_code, detail, command, query, body, truncated, key, strength, received_at_ms)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
/// [`SQLITE_INSERT_DEAD_LETTER`] in PostgreSQL.
pub const POSTGRES_INSERT_DEAD_LETTER: &str = "INSERT INTO dead_letters
     (reason, error_code, detail, command, query, body, truncated, key, strength, received_at_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

/// A row for a webhook with a key: a second delivery adds nothing.
pub const SQLITE_INSERT_KEYED: &str =
    "INSERT INTO inbox (key, strength, command, query, body, received_at_ms)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
     ON CONFLICT (key) DO NOTHING";
/// A row for a webhook without a key: always added.
pub const SQLITE_INSERT_UNKEYED: &str =
    "INSERT INTO inbox (key, strength, command, query, body, received_at_ms)
     VALUES (NULL, ?1, ?2, ?3, ?4, ?5)";
/// [`SQLITE_INSERT_KEYED`] in PostgreSQL.
pub const POSTGRES_INSERT_KEYED: &str =
    "INSERT INTO inbox (key, strength, command, query, body, received_at_ms)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (key) DO NOTHING";
/// [`SQLITE_INSERT_UNKEYED`] in PostgreSQL.
pub const POSTGRES_INSERT_UNKEYED: &str =
    "INSERT INTO inbox (key, strength, command, query, body, received_at_ms)
     VALUES (NULL, $1, $2, $3, $4, $5)";

/// One webhook, as the inbox keeps it.
#[derive(Clone, Debug)]
pub struct InboxRow {
    pub key: IdempotencyKey,
    pub command: String,
    pub query: String,
    pub body: Bytes,
    pub received_at_ms: i64,
}

impl InboxRow {
    /// The row of a webhook the layer handed to the handler: its
    /// `CallbackQuery` and `RawBody` are in the request's extensions.
    pub fn of<E>(request: &Request<E>) -> Result<Self, &'static str> {
        let command = request
            .extensions()
            .get::<CallbackQuery>()
            .ok_or("no CallbackQuery in the request")?
            .callback_command
            .clone();
        let body = request
            .extensions()
            .get::<RawBody>()
            .ok_or("no RawBody in the request")?
            .0
            .clone();
        let received_at_ms = match request.extensions().get::<Later>() {
            Some(later) => later.received_at_ms,
            None => now_ms(),
        };
        Ok(Self {
            key: IdempotencyKey::new(&command, &body),
            query: without_signature(request.uri().query().unwrap_or_default()),
            command,
            body,
            received_at_ms,
        })
    }

    /// `exact`, `probable` or `none`.
    pub fn strength(&self) -> &'static str {
        self.key.strength().as_str()
    }

    /// For logs: the command, the strength and, when there is one, the key.
    pub fn label(&self) -> String {
        match self.key.as_str() {
            Some(key) => format!("{} ({})", key, self.strength()),
            None => format!("{} (no key)", self.command),
        }
    }

    /// One line on stderr per write, ending with `in the inbox` (a new
    /// row) or `already in the inbox` (its key was there).
    pub fn log(&self, inserted: bool) {
        match inserted {
            true => eprintln!("inbox {}: in the inbox", self.label()),
            false => eprintln!("inbox {}: already in the inbox", self.label()),
        }
    }

    /// Adds the row in the caller's SQLite transaction; `false` when a row
    /// with its key is there already.
    pub fn insert_sqlite(&self, transaction: &rusqlite::Transaction<'_>) -> rusqlite::Result<bool> {
        let (strength, body) = (self.strength(), self.body.as_ref());
        let inserted =
            match self.key.as_str() {
                Some(key) => {
                    transaction
                        .prepare_cached(SQLITE_INSERT_KEYED)?
                        .execute(rusqlite::params![
                            key,
                            strength,
                            self.command,
                            self.query,
                            body,
                            self.received_at_ms
                        ])?
                }
                None => transaction.prepare_cached(SQLITE_INSERT_UNKEYED)?.execute(
                    rusqlite::params![
                        strength,
                        self.command,
                        self.query,
                        body,
                        self.received_at_ms
                    ],
                )?,
            };
        Ok(inserted == 1)
    }

    /// Adds the row in the caller's PostgreSQL transaction; `false` when a
    /// row with its key is there already.
    pub async fn insert_postgres(
        &self,
        transaction: &deadpool_postgres::Transaction<'_>,
    ) -> Result<bool, tokio_postgres::Error> {
        let (strength, body) = (self.strength(), self.body.as_ref());
        let inserted = match self.key.as_str() {
            Some(key) => {
                let statement = transaction.prepare_cached(POSTGRES_INSERT_KEYED).await?;
                transaction
                    .execute(
                        &statement,
                        &[
                            &key,
                            &strength,
                            &self.command,
                            &self.query,
                            &body,
                            &self.received_at_ms,
                        ],
                    )
                    .await?
            }
            None => {
                let statement = transaction.prepare_cached(POSTGRES_INSERT_UNKEYED).await?;
                transaction
                    .execute(
                        &statement,
                        &[
                            &strength,
                            &self.command,
                            &self.query,
                            &body,
                            &self.received_at_ms,
                        ],
                    )
                    .await?
            }
        };
        Ok(inserted == 1)
    }
}

/// One dead letter, as its table keeps it.
#[derive(Clone, Debug)]
pub struct DeadLetterRow {
    /// `refused`, `deadline`, `failed`, `panicked`, `no_decision` or `other`.
    pub reason: &'static str,
    /// The rejection's `ErrorCode`, when the reason is `refused`.
    pub error_code: Option<i64>,
    /// The reason in words.
    pub detail: String,
    pub key: IdempotencyKey,
    pub command: String,
    pub query: String,
    pub body: Bytes,
    pub truncated: bool,
    pub received_at_ms: i64,
}

impl DeadLetterRow {
    /// The row of a letter taken from the queue at `received_at_ms`.
    pub fn of(letter: &DeadLetter, received_at_ms: i64) -> Self {
        let (reason, error_code) = match letter.reason() {
            DeadLetterReason::Refused(rejection) => ("refused", Some(rejection.error_code())),
            DeadLetterReason::Deadline => ("deadline", None),
            DeadLetterReason::Failed => ("failed", None),
            DeadLetterReason::Panicked => ("panicked", None),
            DeadLetterReason::NoDecision => ("no_decision", None),
            _ => ("other", None),
        };
        Self {
            reason,
            error_code,
            detail: letter.reason().to_string(),
            key: letter.idempotency_key(),
            command: letter.callback_command().to_owned(),
            query: without_signature(letter.query()),
            body: letter.body().clone(),
            truncated: letter.is_truncated(),
            received_at_ms,
        }
    }

    /// `exact`, `probable` or `none`.
    pub fn strength(&self) -> &'static str {
        self.key.strength().as_str()
    }

    /// For logs: `dead letter <command> (<reason>[ <code>][, truncated])`.
    pub fn label(&self) -> String {
        let code = self.error_code.map(|code| format!(" {code}"));
        let truncated = if self.truncated { ", truncated" } else { "" };
        format!(
            "dead letter {} ({}{}{truncated})",
            self.command,
            self.reason,
            code.unwrap_or_default()
        )
    }

    /// Adds the row in the caller's SQLite transaction.
    pub fn insert_sqlite(&self, transaction: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
        transaction
            .prepare_cached(SQLITE_INSERT_DEAD_LETTER)?
            .execute(rusqlite::params![
                self.reason,
                self.error_code,
                self.detail,
                self.command,
                self.query,
                self.body.as_ref(),
                self.truncated,
                self.key.as_str(),
                self.strength(),
                self.received_at_ms,
            ])?;
        Ok(())
    }

    /// Adds the row in the caller's PostgreSQL transaction.
    pub async fn insert_postgres(
        &self,
        transaction: &deadpool_postgres::Transaction<'_>,
    ) -> Result<(), tokio_postgres::Error> {
        let statement = transaction
            .prepare_cached(POSTGRES_INSERT_DEAD_LETTER)
            .await?;
        transaction
            .execute(
                &statement,
                &[
                    &self.reason,
                    &self.error_code,
                    &self.detail,
                    &self.command,
                    &self.query,
                    &self.body.as_ref(),
                    &self.truncated,
                    &self.key.as_str(),
                    &self.strength(),
                    &self.received_at_ms,
                ],
            )
            .await?;
        Ok(())
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Keeps the layer's dead letters: takes them off the queue as they come
/// (with every other letter queued at that moment, as one batch) and has
/// `write` store each batch, one batch at a time, in order. A batch whose
/// write fails is logged and written again a second later; meanwhile the
/// queue takes what comes, and once it is full the layer drops letters and
/// counts them (logged here too). Logs `<label>: kept` for each stored row.
pub async fn keep_dead_letters<W, F>(mut letters: DeadLetterReceiver, mut write: W)
where
    W: FnMut(Arc<Vec<DeadLetterRow>>) -> F,
    F: Future<Output = Result<(), BoxError>>,
{
    let mut dropped = 0;
    while let Some(letter) = letters.recv().await {
        let taken_at_ms = now_ms();
        let mut rows = vec![DeadLetterRow::of(&letter, taken_at_ms)];
        while let Some(letter) = letters.try_recv() {
            rows.push(DeadLetterRow::of(&letter, taken_at_ms));
        }
        let rows = Arc::new(rows);
        while let Err(error) = write(Arc::clone(&rows)).await {
            eprintln!(
                "dead letters: {} not stored, trying again in 1 s: {error}",
                rows.len()
            );
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        for row in rows.iter() {
            eprintln!("{}: kept", row.label());
        }
        if letters.dropped() > dropped {
            dropped = letters.dropped();
            eprintln!("dead letters: {dropped} dropped so far, the queue being full");
        }
    }
}

/// The dead letters in a SQLite file (WAL, `synchronous = FULL`), through
/// one connection.
#[derive(Clone)]
pub struct SqliteDeadLetters {
    connection: Arc<Mutex<rusqlite::Connection>>,
}

impl SqliteDeadLetters {
    /// Opens the file, and creates its table when missing.
    pub fn open(path: &std::path::Path) -> rusqlite::Result<Self> {
        let connection = rusqlite::Connection::open(path)?;
        let mode: String =
            connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            eprintln!("dead letters: journal mode is {mode}, not WAL");
        }
        connection.pragma_update(None, "synchronous", "FULL")?;
        // Another process on the same file: wait for its lock.
        connection.busy_timeout(Duration::from_secs(10))?;
        connection.execute_batch(SQLITE_DEAD_LETTERS_SCHEMA)?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Every row of a batch, in one transaction.
    pub fn write(&self, rows: &[DeadLetterRow]) -> Result<(), BoxError> {
        let mut connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let transaction =
            connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for row in rows {
            row.insert_sqlite(&transaction)?;
        }
        transaction.commit()?;
        Ok(())
    }

    /// Spawns the task that keeps the queue's letters in this file (see
    /// [`keep_dead_letters`]), each batch written on a blocking thread.
    pub fn keep(self, letters: DeadLetterReceiver) {
        tokio::spawn(keep_dead_letters(letters, move |rows| {
            let file = self.clone();
            async move { tokio::task::spawn_blocking(move || file.write(&rows)).await? }
        }));
    }
}

/// The decision that lets a before-webhook of the crate's tables go on, of
/// its command's own kind (an example that stores and decides nothing);
/// `()` for any other command.
pub fn allow(command: &str) -> Reply {
    match command {
        "Live.CallbackBeforeSendGift" => GiftDecision::allow().into(),
        "Group.CallbackBeforeSendMsg" => MessageDecision::allow().into(),
        "C2C.CallbackBeforeSendMsg" => C2cMessageDecision::allow().into(),
        "Group.CallbackBeforeCreateGroup" => CreateGroupDecision::allow().into(),
        "Group.CallbackBeforeCreateTopic" => CreateTopicDecision::allow().into(),
        "Group.CallbackBeforeApplyJoinGroup" => JoinGroupDecision::allow().into(),
        "Group.CallbackBeforeInviteJoinGroup" => InviteDecision::allow().into(),
        "Sns.CallbackPrevFriendAdd" | "Sns.CallbackPrevFriendResponse" => {
            FriendDecision::allow_all().into()
        }
        "OfficialAccount.CallbackBeforeCreateOfficialAccount" => {
            CreateOfficialAccountDecision::allow().into()
        }
        "OfficialAccount.CallbackBeforeAddSubscriber" => SubscriberDecision::allow().into(),
        "OfficialAccount.CallbackBeforeSendMsg" => OfficialMessageDecision::allow().into(),
        "Chatbot.OnC2CSignalMessage" => ChatbotReply::ok().into(),
        _ => ().into(),
    }
}

/// Whether a command is a before-webhook, whose answer is a decision: the
/// tables' questions (those with a fallback), and any other whose name says
/// so.
pub fn is_before(command: &str) -> bool {
    <TencentEvent as WebhookEvent>::fallback(command).is_some()
        || command.contains(".CallbackBefore")
        || command.contains(".CallbackPrev")
}

/// The query string without its `Sign` and `RequestTime` pairs (names
/// compared as the layer does: decoded, in any case); every other pair as
/// it came, in its order.
pub fn without_signature(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            let name: String = form_urlencoded::parse(name.as_bytes())
                .map(|(name, _)| name.into_owned())
                .collect();
            !name.eq_ignore_ascii_case("Sign") && !name.eq_ignore_ascii_case("RequestTime")
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub fn now_ms() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

/// In every request's extensions: when it arrived, and the rows to store
/// once it is answered.
#[derive(Clone, Debug)]
pub struct Later {
    received_at_ms: i64,
    rows: Arc<Mutex<Vec<InboxRow>>>,
}

impl Later {
    /// Stores `row` after the answer, without delaying it.
    pub fn push(&self, row: InboxRow) {
        self.rows
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(row);
    }
}

/// Around the whole service: gives each request a [`Later`], and hands the
/// rows left in it to `store` once the answer is made, or once the request
/// is dropped unanswered. `store` must not block: it spawns the write.
#[derive(Clone)]
pub struct AfterAnswer<S, F> {
    inner: S,
    store: F,
}

impl<S, F> AfterAnswer<S, F> {
    pub fn new(inner: S, store: F) -> Self {
        Self { inner, store }
    }
}

impl<S, F, B> Service<Request<B>> for AfterAnswer<S, F>
where
    S: Service<Request<B>>,
    S::Future: Send + 'static,
    F: Fn(InboxRow) + Clone + Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let later = Later {
            received_at_ms: now_ms(),
            rows: Arc::default(),
        };
        request.extensions_mut().insert(later.clone());
        let answer = self.inner.call(request);
        let guard = StoreOnDrop {
            later,
            store: self.store.clone(),
        };
        Box::pin(async move {
            let answer = answer.await;
            drop(guard);
            answer
        })
    }
}

/// Hands the rows over when dropped: after the answer, or with the request.
struct StoreOnDrop<F: Fn(InboxRow)> {
    later: Later,
    store: F,
}

impl<F: Fn(InboxRow)> Drop for StoreOnDrop<F> {
    fn drop(&mut self) {
        let rows = std::mem::take(
            &mut *self
                .later
                .rows
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        for row in rows {
            (self.store)(row);
        }
    }
}
