//! `listen --store FILE`: the webhooks it receives, in a SQLite file with the
//! workspace's tables (`schema/sqlite/inbox.sql` and
//! `schema/sqlite/dead_letters.sql`, both in the one file), which `replay`
//! reads.
//!
//! - `inbox`: every webhook that reached the handler, byte for byte, written
//!   before its answer is sent. An `exact` or `probable` `IdempotencyKey` is
//!   unique (`ON CONFLICT (key) DO NOTHING`: a retry adds no row); a webhook
//!   whose key strength is `none` has a NULL key and a row per delivery.
//! - `dead_letters`: every letter of the layer (refused, failed, past its
//!   deadline...), a row each, whatever its key.
//! - The query is kept without `Sign` and `RequestTime`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use rusqlite::{params, Connection, TransactionBehavior};
use tencent_live_webhook::{DeadLetter, DeadLetterReason, IdempotencyKey};

/// The inbox's table, the workspace's one definition.
pub const INBOX_SCHEMA: &str = include_str!("../../schema/sqlite/inbox.sql");
/// The dead letters' table, the workspace's one definition.
pub const DEAD_LETTERS_SCHEMA: &str = include_str!("../../schema/sqlite/dead_letters.sql");

const INSERT_KEYED: &str = "INSERT INTO inbox (key, strength, command, query, body, received_at_ms)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
     ON CONFLICT (key) DO NOTHING";
const INSERT_UNKEYED: &str =
    "INSERT INTO inbox (key, strength, command, query, body, received_at_ms)
     VALUES (NULL, ?1, ?2, ?3, ?4, ?5)";
const INSERT_DEAD_LETTER: &str = "INSERT INTO dead_letters
     (reason, error_code, detail, command, query, body, truncated, key, strength, received_at_ms)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

/// One webhook, as the inbox keeps it.
#[derive(Clone, Debug)]
pub struct InboxRow {
    /// `IdempotencyKey::new(command, body)`.
    pub key: IdempotencyKey,
    /// `CallbackCommand`, from the query.
    pub command: String,
    /// The query without `Sign` and `RequestTime`.
    pub query: String,
    /// The body, byte for byte.
    pub body: Bytes,
    /// When it arrived, Unix milliseconds.
    pub received_at_ms: i64,
}

impl InboxRow {
    /// The row of a webhook: its command, its query as it came (the
    /// signature is removed here) and its body.
    pub fn new(command: &str, query: &str, body: Bytes, received_at_ms: i64) -> Self {
        Self {
            key: IdempotencyKey::new(command, &body),
            command: command.to_owned(),
            query: without_signature(query),
            body,
            received_at_ms,
        }
    }
}

/// One dead letter, as its table keeps it.
#[derive(Clone, Debug)]
pub struct DeadLetterRow {
    /// `refused`, `deadline`, `failed`, `panicked`, `no_decision` or `other`.
    pub reason: &'static str,
    /// The rejection's `ErrorCode`, when the reason is `refused`.
    pub error_code: Option<i64>,
    /// The reason in words (never the body).
    pub detail: String,
    /// The letter's key, from its command and the bytes read.
    pub key: IdempotencyKey,
    /// `CallbackCommand`, from the query (its first value).
    pub command: String,
    /// The query without `Sign` and `RequestTime`.
    pub query: String,
    /// The bytes that were read.
    pub body: Bytes,
    /// Whether `body` holds less than was sent.
    pub truncated: bool,
    /// When the letter was taken from the queue, Unix milliseconds.
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
}

/// The SQLite file, through one connection (SQLite has one writer anyway).
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
    path: Arc<PathBuf>,
}

impl Store {
    /// Opens the file, creating it and its tables when missing, in WAL mode
    /// with `synchronous = FULL`: a row is on disk before its answer goes out.
    pub fn open(path: &Path) -> Result<Self, String> {
        let failed = |error: rusqlite::Error| format!("--store {}: {error}", path.display());
        let connection = Connection::open(path).map_err(failed)?;
        let mode: String = connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(failed)?;
        if !mode.eq_ignore_ascii_case("wal") {
            eprintln!(
                "tencent-webhook: warning: --store {}: journal mode is {mode}, not WAL",
                path.display()
            );
        }
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(failed)?;
        // Another process writing the file (a replay into it): wait for its lock.
        connection
            .busy_timeout(Duration::from_secs(5))
            .map_err(failed)?;
        connection.execute_batch(INBOX_SCHEMA).map_err(failed)?;
        connection
            .execute_batch(DEAD_LETTERS_SCHEMA)
            .map_err(failed)?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
            path: Arc::new(path.to_owned()),
        })
    }

    /// Adds `row` to the inbox; `false` when a row with its key is there
    /// already. Blocks: call it on a blocking thread.
    pub fn insert_inbox(&self, row: &InboxRow) -> Result<bool, String> {
        let mut connection = self.lock();
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| self.error("inbox", &error))?;
        let strength = row.key.strength().as_str();
        let inserted = match row.key.as_str() {
            Some(key) => transaction.execute(
                INSERT_KEYED,
                params![
                    key,
                    strength,
                    row.command,
                    row.query,
                    row.body.as_ref(),
                    row.received_at_ms
                ],
            ),
            None => transaction.execute(
                INSERT_UNKEYED,
                params![
                    strength,
                    row.command,
                    row.query,
                    row.body.as_ref(),
                    row.received_at_ms
                ],
            ),
        }
        .map_err(|error| self.error("inbox", &error))?;
        transaction
            .commit()
            .map_err(|error| self.error("inbox", &error))?;
        Ok(inserted == 1)
    }

    /// Adds every row to `dead_letters`, in one transaction. Blocks: call it
    /// on a blocking thread.
    pub fn insert_dead_letters(&self, rows: &[DeadLetterRow]) -> Result<(), String> {
        let mut connection = self.lock();
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| self.error("dead_letters", &error))?;
        for row in rows {
            transaction
                .execute(
                    INSERT_DEAD_LETTER,
                    params![
                        row.reason,
                        row.error_code,
                        row.detail,
                        row.command,
                        row.query,
                        row.body.as_ref(),
                        row.truncated,
                        row.key.as_str(),
                        row.key.strength().as_str(),
                        row.received_at_ms,
                    ],
                )
                .map_err(|error| self.error("dead_letters", &error))?;
        }
        transaction
            .commit()
            .map_err(|error| self.error("dead_letters", &error))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn error(&self, table: &str, error: &rusqlite::Error) -> String {
        format!("--store {}, table {table}: {error}", self.path.display())
    }
}

/// The query string without its `Sign` and `RequestTime` pairs (names
/// compared decoded, in any case); every other pair as it came, in order.
pub fn without_signature(query: &str) -> String {
    crate::client::signed_query(query, None, 0)
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_left_out_of_the_query() {
        assert_eq!(
            without_signature(
                "SdkAppid=1&Sign=ab&CallbackCommand=X&requesttime=5&contenttype=json"
            ),
            "SdkAppid=1&CallbackCommand=X&contenttype=json"
        );
    }

    #[test]
    fn keyed_rows_are_kept_once_unkeyed_each_time() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("store.sqlite3")).unwrap();
        let battle = Bytes::from_static(
            br#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"b-1"}"#,
        );
        let row = InboxRow::new(
            "Live.CallbackAfterEndBattle",
            "SdkAppid=1&CallbackCommand=Live.CallbackAfterEndBattle&Sign=x&RequestTime=1",
            battle,
            1,
        );
        assert!(row.key.as_str().is_some());
        assert!(store.insert_inbox(&row).unwrap());
        assert!(!store.insert_inbox(&row).unwrap());
        let gift = Bytes::from_static(br#"{"CallbackCommand":"Live.CallbackBeforeSendGift"}"#);
        let row = InboxRow::new("Live.CallbackBeforeSendGift", "", gift, 2);
        assert!(row.key.as_str().is_none());
        assert!(store.insert_inbox(&row).unwrap());
        assert!(store.insert_inbox(&row).unwrap());
        let connection = store.lock();
        let count: i64 = connection
            .query_row("SELECT count(*) FROM inbox", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 3);
        let query: String = connection
            .query_row("SELECT query FROM inbox WHERE id = 1", [], |row| row.get(0))
            .unwrap();
        assert_eq!(
            query,
            "SdkAppid=1&CallbackCommand=Live.CallbackAfterEndBattle"
        );
    }
}
