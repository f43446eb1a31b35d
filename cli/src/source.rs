//! Reading stored webhooks (the tables of `schema/`: `inbox` and
//! `dead_letters`) from a SQLite file or a PostgreSQL database, read-only,
//! in the order the store received them (by `id`), a page at a time.
//!
//! The filters are bound parameters of one prepared query; nothing the user
//! typed is formatted into SQL. The rows to read are fixed when reading
//! starts (their count and their largest `id`): rows the store adds meanwhile
//! (a replay into the receiver that keeps this very store) are not read.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::mpsc;

/// Rows per page: what is held in memory at once, besides the page in flight.
const PAGE: i64 = 256;

/// How long to wait for PostgreSQL to answer the connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long SQLite waits for a writer's lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Which table to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    /// `inbox`: the webhooks a receiver accepted, once per idempotency key.
    Inbox,
    /// `dead_letters`: the webhooks the layer authenticated but refused, or
    /// answered with its fallback.
    DeadLetters,
}

impl Table {
    /// The table's name in the schema.
    pub fn name(self) -> &'static str {
        match self {
            Table::Inbox => "inbox",
            Table::DeadLetters => "dead_letters",
        }
    }
}

/// Where the stored webhooks are.
#[derive(Clone, Debug)]
pub enum Source {
    /// A SQLite file, opened read-only.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (without TLS).
    Postgres(String),
}

impl fmt::Display for Source {
    /// The file, or the URL without its password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Sqlite(path) => write!(f, "{}", path.display()),
            Source::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// The rows to read, combined with AND; an empty list or `None` selects all.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// `command` is any of these.
    pub commands: Vec<String>,
    /// `key` (the IdempotencyKey) is any of these.
    pub keys: Vec<String>,
    /// `received_at_ms` at or after this.
    pub since_ms: Option<i64>,
    /// `received_at_ms` before this.
    pub until_ms: Option<i64>,
}

/// One stored webhook.
#[derive(Clone, Debug)]
pub struct Stored {
    /// The row's `id`.
    pub id: i64,
    /// `CallbackCommand`.
    pub command: String,
    /// The IdempotencyKey; `None` when its strength is `none`.
    pub key: Option<String>,
    /// `exact`, `probable` or `none`.
    pub strength: String,
    /// The query string as stored (normally without `Sign`/`RequestTime`).
    pub query: String,
    /// The body, byte for byte (only its start when `truncated`).
    pub body: Bytes,
    /// Unix milliseconds.
    pub received_at_ms: i64,
    /// A dead letter whose body was cut at the layer's limit.
    pub truncated: bool,
    /// A dead letter's reason (`failed`, `refused`, ...); `None` in the inbox.
    pub reason: Option<String>,
}

/// The rows a source holds for a filter: how many, and the pages, in `id`
/// order. A page that could not be read is an `Err`, and the last.
pub struct Rows {
    /// How many rows matched when reading started.
    pub matched: u64,
    /// The pages.
    pub pages: mpsc::Receiver<Result<Vec<Stored>, String>>,
}

impl Rows {
    fn new(count: i64, pages: mpsc::Receiver<Result<Vec<Stored>, String>>) -> Self {
        Self {
            matched: u64::try_from(count).unwrap_or_default(),
            pages,
        }
    }
}

/// Where reading stands: the next page is of the rows after `after`, up to
/// `last` (the largest `id` when reading started).
struct Cursor {
    after: i64,
    last: i64,
}

impl Cursor {
    fn new(last: i64) -> Self {
        Self {
            after: i64::MIN,
            last,
        }
    }

    /// Moves past `page`: whether another page is to be read (not after an
    /// error, an empty page, or the page holding `last`).
    fn advance(&mut self, page: &Result<Vec<Stored>, String>) -> bool {
        match page.as_ref().ok().and_then(|rows| rows.last()) {
            Some(row) if row.id < self.last => {
                self.after = row.id;
                true
            }
            _ => false,
        }
    }
}

/// The error of reading `table` of `source` (as shown).
fn reading(source: impl fmt::Display, table: Table, error: impl fmt::Display) -> String {
    format!("{source}: reading {}: {error}", table.name())
}

/// Starts reading `table` of `source`: counts the matching rows, then reads
/// them in pages on a task of their own (at most two pages ahead).
pub async fn open(source: &Source, table: Table, filter: &Filter) -> Result<Rows, String> {
    match source {
        Source::Sqlite(path) => open_sqlite(path.clone(), table, filter.clone()).await,
        Source::Postgres(url) => open_postgres(url, table, filter).await,
    }
}

/// A filter's value, bound as a parameter.
#[derive(Clone, Debug)]
enum Param {
    Text(String),
    Int(i64),
}

impl rusqlite::ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Param::Text(text) => text.to_sql(),
            Param::Int(int) => int.to_sql(),
        }
    }
}

impl Param {
    fn postgres(&self) -> &(dyn tokio_postgres::types::ToSql + Sync) {
        match self {
            Param::Text(text) => text,
            Param::Int(int) => int,
        }
    }
}

/// The two queries for a filter: the count (and largest id) of the matching
/// rows, and a page of them after an id (the last two parameters: after
/// this id, up to that one).
struct Queries {
    count: String,
    page: String,
    params: Vec<Param>,
}

impl Queries {
    /// The parameters of the page after `after`, up to `last`.
    fn page_params(&self, after: i64, last: i64) -> Vec<Param> {
        let mut params = self.params.clone();
        params.extend([Param::Int(after), Param::Int(last)]);
        params
    }

    /// `placeholder(n)` spells the n-th parameter (from 1) in the database's
    /// dialect; `extra` are the columns of `table` that only dead letters have.
    fn new(table: Table, filter: &Filter, placeholder: fn(usize) -> String, extra: &str) -> Self {
        let mut params = Vec::new();
        let mut conditions = Vec::new();
        let mut any_of = |column: &str, values: &[String], params: &mut Vec<Param>| {
            if values.is_empty() {
                return;
            }
            let list: Vec<String> = values
                .iter()
                .map(|value| {
                    params.push(Param::Text(value.clone()));
                    placeholder(params.len())
                })
                .collect();
            conditions.push(format!("{column} IN ({})", list.join(", ")));
        };
        any_of("command", &filter.commands, &mut params);
        any_of("key", &filter.keys, &mut params);
        if let Some(since) = filter.since_ms {
            params.push(Param::Int(since));
            conditions.push(format!("received_at_ms >= {}", placeholder(params.len())));
        }
        if let Some(until) = filter.until_ms {
            params.push(Param::Int(until));
            conditions.push(format!("received_at_ms < {}", placeholder(params.len())));
        }
        let name = table.name();
        let filtered = if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        };
        let count = format!("SELECT COUNT(*), MAX(id) FROM {name}{filtered}");
        let after = placeholder(params.len() + 1);
        let last = placeholder(params.len() + 2);
        let page_conditions = if conditions.is_empty() {
            String::new()
        } else {
            format!("{} AND ", conditions.join(" AND "))
        };
        let page = format!(
            "SELECT id, command, key, strength, query, body, received_at_ms, {extra} FROM {name} \
             WHERE {page_conditions}id > {after} AND id <= {last} ORDER BY id LIMIT {PAGE}"
        );
        Self {
            count,
            page,
            params,
        }
    }
}

async fn open_sqlite(path: PathBuf, table: Table, filter: Filter) -> Result<Rows, String> {
    let (connection, queries, path, count, last) = tokio::task::spawn_blocking(move || {
        let connection = open_sqlite_file(&path)?;
        let extra = match table {
            Table::Inbox => "0, NULL",
            Table::DeadLetters => "truncated, reason",
        };
        let queries = Queries::new(table, &filter, |n| format!("?{n}"), extra);
        let (count, last): (i64, Option<i64>) = connection
            .query_row(
                &queries.count,
                rusqlite::params_from_iter(&queries.params),
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|error| reading(path.display(), table, error))?;
        Ok::<_, String>((connection, queries, path, count, last))
    })
    .await
    .map_err(|error| format!("reading the SQLite file: {error}"))??;
    let (sender, pages) = mpsc::channel(2);
    if let Some(last) = last {
        tokio::task::spawn_blocking(move || {
            let mut cursor = Cursor::new(last);
            loop {
                let page = sqlite_page(&connection, &queries, &cursor)
                    .map_err(|error| reading(path.display(), table, error));
                let more = cursor.advance(&page);
                if sender.blocking_send(page).is_err() || !more {
                    return;
                }
            }
        });
    }
    Ok(Rows::new(count, pages))
}

/// Opens the file read-only; a missing file is an error, not a new database.
fn open_sqlite_file(path: &Path) -> Result<rusqlite::Connection, String> {
    std::fs::metadata(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let connection = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|error| format!("{}: cannot open it read-only: {error}", path.display()))?;
    connection
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        .map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(connection)
}

fn sqlite_page(
    connection: &rusqlite::Connection,
    queries: &Queries,
    cursor: &Cursor,
) -> rusqlite::Result<Vec<Stored>> {
    let mut statement = connection.prepare(&queries.page)?;
    let params = queries.page_params(cursor.after, cursor.last);
    let rows = statement.query_map(rusqlite::params_from_iter(params), |row| {
        Ok(Stored {
            id: row.get(0)?,
            command: row.get(1)?,
            key: row.get(2)?,
            strength: row.get(3)?,
            query: row.get(4)?,
            body: Bytes::from(row.get::<_, Vec<u8>>(5)?),
            received_at_ms: row.get(6)?,
            truncated: row.get(7)?,
            reason: row.get(8)?,
        })
    })?;
    rows.collect()
}

async fn open_postgres(url: &str, table: Table, filter: &Filter) -> Result<Rows, String> {
    let shown = redact(url);
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|error| format!("{shown}: not a PostgreSQL URL: {error}"))?;
    let (client, connection) =
        tokio::time::timeout(CONNECT_TIMEOUT, config.connect(tokio_postgres::NoTls))
            .await
            .map_err(|_| format!("{shown}: no connection within {CONNECT_TIMEOUT:?}"))?
            .map_err(|error| format!("{shown}: cannot connect: {}", chain(&error)))?;
    tokio::spawn(connection);
    // Replay never writes the store: every transaction of this session is
    // read-only.
    client
        .batch_execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        .await
        .map_err(|error| format!("{shown}: {}", chain(&error)))?;
    let extra = match table {
        Table::Inbox => "FALSE, NULL::TEXT",
        Table::DeadLetters => "truncated, reason",
    };
    let queries = Queries::new(table, filter, |n| format!("${n}"), extra);
    let failed = move |error: tokio_postgres::Error| reading(&shown, table, chain(&error));
    let params: Vec<_> = queries.params.iter().map(Param::postgres).collect();
    let row = client
        .query_one(&queries.count, &params)
        .await
        .map_err(&failed)?;
    let count: i64 = row.try_get(0).map_err(&failed)?;
    let last: Option<i64> = row.try_get(1).map_err(&failed)?;
    let statement = client.prepare(&queries.page).await.map_err(&failed)?;
    let (sender, pages) = mpsc::channel(2);
    if let Some(last) = last {
        tokio::spawn(async move {
            let mut cursor = Cursor::new(last);
            loop {
                let params = queries.page_params(cursor.after, cursor.last);
                let params: Vec<_> = params.iter().map(Param::postgres).collect();
                let rows: Result<Vec<Stored>, _> = match client.query(&statement, &params).await {
                    Ok(rows) => rows.iter().map(postgres_row).collect(),
                    Err(error) => Err(error),
                };
                let page = rows.map_err(&failed);
                let more = cursor.advance(&page);
                if sender.send(page).await.is_err() || !more {
                    return;
                }
            }
        });
    }
    Ok(Rows::new(count, pages))
}

fn postgres_row(row: &tokio_postgres::Row) -> Result<Stored, tokio_postgres::Error> {
    Ok(Stored {
        id: row.try_get(0)?,
        command: row.try_get(1)?,
        key: row.try_get(2)?,
        strength: row.try_get(3)?,
        query: row.try_get(4)?,
        body: Bytes::from(row.try_get::<_, Vec<u8>>(5)?),
        received_at_ms: row.try_get(6)?,
        truncated: row.try_get(7)?,
        reason: row.try_get(8)?,
    })
}

/// A connection URL without its password: `user:secret@` becomes
/// `user:***@`, and a `password=` parameter (in the URL's query or in the
/// key=value form) has its value replaced by `***`.
pub fn redact(url: &str) -> String {
    let mut text = url.to_owned();
    if let Some(scheme_end) = text.find("://") {
        let authority_start = scheme_end + 3;
        let authority_end = text[authority_start..]
            .find(['/', '?'])
            .map_or(text.len(), |end| authority_start + end);
        if let Some(at) = text[authority_start..authority_end].rfind('@') {
            let userinfo = &text[authority_start..authority_start + at];
            if let Some(colon) = userinfo.find(':') {
                let start = authority_start + colon + 1;
                text.replace_range(start..authority_start + at, "***");
            }
        }
    }
    let mut redacted = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(found) = find_password(rest) {
        let value_start = found + "password=".len();
        redacted.push_str(&rest[..value_start]);
        redacted.push_str("***");
        let value = &rest[value_start..];
        let value_end = if let Some(quoted) = value.strip_prefix('\'') {
            quoted.find('\'').map_or(value.len(), |end| end + 2)
        } else {
            value.find(['&', ' ']).unwrap_or(value.len())
        };
        rest = &value[value_end..];
    }
    redacted.push_str(rest);
    redacted
}

/// Where a `password=` parameter starts in `text` (at its start, or after
/// `?`, `&` or a space), ignoring case.
fn find_password(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("password=") {
        let at = from + found;
        if at == 0 || matches!(lower.as_bytes()[at - 1], b'?' | b'&' | b' ') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// An error and its sources, on one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_passwords_and_nothing_else() {
        assert_eq!(
            redact("postgres://app:s3cr@t@127.0.0.1:5432/db"),
            "postgres://app:***@127.0.0.1:5432/db"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1:55432/db"),
            "postgres://postgres@127.0.0.1:55432/db"
        );
        assert_eq!(
            redact("postgresql://u@h/db?sslmode=disable&password=abc&user=u"),
            "postgresql://u@h/db?sslmode=disable&password=***&user=u"
        );
        assert_eq!(
            redact("host=127.0.0.1 password='a b' user=u"),
            "host=127.0.0.1 password=*** user=u"
        );
        assert_eq!(redact("host=h Password=x"), "host=h Password=***");
    }

    #[test]
    fn the_cursor_moves_past_each_page_and_stops_at_the_last_id_an_empty_page_or_an_error() {
        let page = |ids: &[i64]| -> Result<Vec<Stored>, String> {
            Ok(ids
                .iter()
                .map(|&id| Stored {
                    id,
                    command: String::new(),
                    key: None,
                    strength: String::new(),
                    query: String::new(),
                    body: Bytes::new(),
                    received_at_ms: 0,
                    truncated: false,
                    reason: None,
                })
                .collect())
        };
        let mut cursor = Cursor::new(9);
        assert_eq!(cursor.after, i64::MIN);
        assert!(cursor.advance(&page(&[1, 4])));
        assert_eq!(cursor.after, 4);
        assert!(!cursor.advance(&page(&[7, 9])), "9 is the last id");
        assert!(!Cursor::new(9).advance(&page(&[])));
        assert!(!Cursor::new(9).advance(&Err("gone".to_owned())));
    }

    #[test]
    fn queries_bind_every_filter_and_format_none() {
        let filter = Filter {
            commands: vec!["A'; DROP TABLE inbox; --".to_owned(), "B".to_owned()],
            keys: vec!["k".to_owned()],
            since_ms: Some(5),
            until_ms: Some(9),
        };
        let queries = Queries::new(Table::Inbox, &filter, |n| format!("${n}"), "x");
        assert_eq!(
            queries.count,
            "SELECT COUNT(*), MAX(id) FROM inbox WHERE command IN ($1, $2) AND key IN ($3) \
             AND received_at_ms >= $4 AND received_at_ms < $5"
        );
        assert!(queries
            .page
            .ends_with("AND received_at_ms < $5 AND id > $6 AND id <= $7 ORDER BY id LIMIT 256"));
        assert!(!queries.page.contains("DROP"));
        assert_eq!(queries.params.len(), 5);
    }
}
