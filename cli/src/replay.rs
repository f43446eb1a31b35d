//! `tencent-webhook replay`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::error::ErrorKind;
use tokio::task::JoinSet;

use crate::client::{self, Answer, Client};
use crate::report::{self, Report};
use crate::source::{self, Filter, Source, Stored, Table};
use crate::token::TokenArgs;

/// How long a webhook waits for its answer before it counts as unanswered.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

/// Re-send stored webhooks (an inbox or dead letters, from SQLite or PostgreSQL) to a receiver.
///
/// Reads the rows of the `inbox` or `dead_letters` table (the schema of the
/// workspace's schema/ folder, as written by `tencent-webhook listen --store`
/// and by the storage examples) in the order the store received them, and
/// POSTs each one to --url: its body byte for byte, its stored query string
/// without any old Sign/RequestTime, signed afresh at its send time when a
/// token is given. The store is opened read-only: replay never writes it.
///
/// Three uses:
///
/// 1. Replaying an inbox into the receiver that stored it is a no-op for
///    webhooks with an Exact or Probable idempotency key: its inbox has them
///    already (INSERT ... ON CONFLICT DO NOTHING). Webhooks of key strength
///    `none` have nothing to tell them apart, and are stored again.
///
/// 2. Replaying an inbox into a receiver with a new, empty database rebuilds
///    that database.
///
/// 3. Replaying dead letters (--from dead-letters) after fixing the handler
///    that failed on them is the recovery path.
///
/// It prints how many rows matched, a progress bar on a terminal, and a
/// summary of the answers by HTTP status and ErrorCode (a webhook without an
/// answer within 30 s counts as unanswered). Exit code: 0 when
/// every webhook got an OK answer, 1 when one did not (or was skipped, or
/// the store could not be read), 2 for bad usage.
#[derive(Debug, clap::Args)]
#[command(group(
    clap::ArgGroup::new("source")
        .required(true)
        .multiple(false)
        .args(["sqlite", "database_url"])
))]
pub struct Args {
    /// The receiver's URL, plain HTTP, such as
    /// http://127.0.0.1:3000/tencent/callback. Each stored query string is
    /// appended to it.
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    url: String,

    #[command(flatten)]
    token: TokenArgs,

    /// The table to replay.
    #[arg(long, value_enum, value_name = "TABLE", default_value_t = Table::Inbox)]
    from: Table,

    /// Read the webhooks from this SQLite file (opened read-only). One of
    /// --sqlite and --database-url is required.
    #[arg(long, value_name = "FILE")]
    sqlite: Option<PathBuf>,

    /// Read the webhooks from this PostgreSQL database, such as
    /// postgres://user@127.0.0.1:5432/db. The connection has no TLS, which
    /// is enough on loopback only; a password in the URL is never printed.
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,

    /// Only the rows of this CallbackCommand, such as
    /// Live.CallbackAfterSendGift. Repeat it for any of several.
    #[arg(long = "command", value_name = "CMD")]
    commands: Vec<String>,

    /// Only the rows received at or after TIME: Unix milliseconds
    /// (1796551200000), an RFC 3339 time (2026-12-06T10:00:00Z,
    /// 2026-12-06T18:00:00+08:00) or a time ago (2h, 30min, 1day).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    since: Option<i64>,

    /// Only the rows received before TIME (same forms as --since).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    until: Option<i64>,

    /// Only the row(s) with this IdempotencyKey. Repeat it for any of several.
    #[arg(long = "key", value_name = "KEY")]
    keys: Vec<String>,

    /// How many webhooks to have in flight at once. With 1, they are sent
    /// one at a time, in the order the store received them.
    #[arg(long, value_name = "C", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..))]
    concurrency: u16,

    /// Print the rows that would be sent (id, command, key, received time,
    /// body length), and send nothing.
    #[arg(long)]
    dry_run: bool,

    /// Send dead letters whose body was truncated when stored, too. They hold
    /// only the start of the body, so a receiver will most likely refuse
    /// them; without this flag they are skipped with a warning, counted as
    /// skipped, and the exit code is 1.
    #[arg(long)]
    include_truncated: bool,
}

/// Runs `replay`.
pub async fn run(args: Args) -> Result<ExitCode, String> {
    if let (Some(since), Some(until)) = (args.since, args.until) {
        if since >= until {
            crate::usage_error(
                "replay",
                ErrorKind::ValueValidation,
                "--since must be before --until (--since is inclusive, --until exclusive)",
            );
        }
    }
    let source = match (args.sqlite, args.database_url) {
        (Some(path), None) => Source::Sqlite(path),
        (None, Some(url)) => {
            if let Err(error) = url.parse::<tokio_postgres::Config>() {
                crate::usage_error(
                    "replay",
                    ErrorKind::ValueValidation,
                    format!(
                        "--database-url {}: not a PostgreSQL URL: {error}",
                        source::redact(&url)
                    ),
                );
            }
            Source::Postgres(url)
        }
        _ => crate::usage_error(
            "replay",
            ErrorKind::MissingRequiredArgument,
            "give exactly one of --sqlite FILE and --database-url URL",
        ),
    };
    let token = if args.dry_run {
        None
    } else {
        args.token.resolve()?
    };
    let filter = Filter {
        commands: args.commands,
        keys: args.keys,
        since_ms: args.since,
        until_ms: args.until,
    };
    let mut rows = source::open(&source, args.from, &filter).await?;
    println!(
        "{} {} matched in {} of {source}",
        rows.matched,
        if rows.matched == 1 { "row" } else { "rows" },
        args.from.name(),
    );

    if args.dry_run {
        while let Some(page) = rows.pages.recv().await {
            for row in page? {
                println!("{}", describe(&row));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }

    let concurrency = usize::from(args.concurrency);
    let bar = report::progress(rows.matched);
    let client = Client::new(concurrency);
    let mut report = Report::new();
    let mut skipped = Vec::new();
    let mut in_flight: JoinSet<(Stored, Result<Answer, String>)> = JoinSet::new();
    let mut unread = None;
    let record =
        |report: &mut Report,
         done: Result<(Stored, Result<Answer, String>), tokio::task::JoinError>| {
            let (row, answer) = match done {
                Ok(done) => done,
                Err(error) => {
                    report.record(&Err(format!("the sending task failed: {error}")));
                    bar.inc(1);
                    return;
                }
            };
            report.record(&answer);
            bar.inc(1);
            let problem = match &answer {
                Ok(answer) if answer.is_ok() => return,
                Ok(answer) => match answer.error_code() {
                    Some(code) => format!("HTTP {}, ErrorCode {code}", answer.status.as_u16()),
                    None => format!("HTTP {}, not an OK", answer.status.as_u16()),
                },
                Err(error) => format!("no answer: {error}"),
            };
            bar.suspend(|| {
                eprintln!(
                    "tencent-webhook: row {} ({}): {problem}",
                    row.id, row.command
                )
            });
        };

    'pages: while let Some(page) = rows.pages.recv().await {
        let page = match page {
            Ok(page) => page,
            Err(error) => {
                unread = Some(error);
                break 'pages;
            }
        };
        for row in page {
            if row.truncated && !args.include_truncated {
                bar.suspend(|| {
                    eprintln!(
                        "tencent-webhook: warning: row {} ({}): its body was truncated when \
                         stored ({} bytes kept); skipped (--include-truncated sends it anyway)",
                        row.id,
                        row.command,
                        row.body.len()
                    )
                });
                skipped.push(row.id);
                bar.inc(1);
                continue;
            }
            while in_flight.len() >= concurrency {
                if let Some(done) = in_flight.join_next().await {
                    record(&mut report, done);
                }
            }
            let (client, url, token) = (client.clone(), args.url.clone(), token.clone());
            in_flight.spawn(async move {
                // Signed now, at its send time, however long ago it was stored.
                let query =
                    client::signed_query(&row.query, token.as_deref(), client::now_seconds());
                let answer = tokio::time::timeout(
                    ANSWER_TIMEOUT,
                    client.post(&url, &query, row.body.clone()),
                )
                .await
                .unwrap_or_else(|_| Err(format!("{url}: no answer within {ANSWER_TIMEOUT:?}")));
                (row, answer)
            });
        }
    }
    while let Some(done) = in_flight.join_next().await {
        record(&mut report, done);
    }
    bar.finish_and_clear();

    print!("{}", report.summary());
    if !skipped.is_empty() {
        let ids: Vec<String> = skipped.iter().map(i64::to_string).collect();
        println!(
            "  {:>8}  skipped: truncated body (rows {})",
            skipped.len(),
            ids.join(", ")
        );
    }
    if let Some(error) = unread {
        return Err(error);
    }
    if report.not_ok() > 0 || !skipped.is_empty() {
        Ok(ExitCode::FAILURE)
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// A row as `--dry-run` prints it: never its body.
fn describe(row: &Stored) -> String {
    let mut line = format!(
        "id={} command={} key={} strength={} received={} bytes={}",
        row.id,
        row.command,
        row.key.as_deref().unwrap_or("-"),
        row.strength,
        format_ms(row.received_at_ms),
        row.body.len(),
    );
    if let Some(reason) = &row.reason {
        line.push_str(&format!(" reason={reason}"));
    }
    if row.truncated {
        line.push_str(" truncated");
    }
    line
}

/// Unix milliseconds in RFC 3339 (UTC), or as they are when before 1970.
fn format_ms(ms: i64) -> String {
    match u64::try_from(ms) {
        Ok(ms) => {
            humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(ms)).to_string()
        }
        Err(_) => format!("{ms}ms"),
    }
}

/// `--url`: an absolute http:// URL.
fn parse_url(text: &str) -> Result<String, String> {
    let uri: http::Uri = text
        .parse()
        .map_err(|error| format!("not a URL: {error}"))?;
    if uri.scheme_str() != Some("http") || uri.authority().is_none() {
        return Err(
            "expected a plain HTTP URL, such as http://127.0.0.1:3000/tencent/callback".to_owned(),
        );
    }
    Ok(text.to_owned())
}

/// `--since`, `--until`: Unix milliseconds.
fn parse_time(text: &str) -> Result<i64, String> {
    parse_time_at(text, SystemTime::now())
}

/// [`parse_time`], with relative times counted back from `now`.
fn parse_time_at(text: &str, now: SystemTime) -> Result<i64, String> {
    let text = text.trim();
    let expected = "expected Unix milliseconds (1796551200000), an RFC 3339 time \
                    (2026-12-06T10:00:00Z, 2026-12-06T18:00:00+08:00) or a time ago (2h, 30min)";
    if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
        return text
            .parse()
            .map_err(|_| format!("{text} is too large for Unix milliseconds"));
    }
    if let Some(ms) = rfc3339_ms(text) {
        return Ok(ms);
    }
    let ago = text.strip_suffix("ago").map_or(text, str::trim_end);
    if let Ok(duration) = humantime::parse_duration(ago) {
        let then = now
            .checked_sub(duration)
            .and_then(|then| then.duration_since(UNIX_EPOCH).ok())
            .ok_or_else(|| format!("{text} ago is before 1970"))?;
        return i64::try_from(then.as_millis()).map_err(|_| format!("{text}: out of range"));
    }
    Err(expected.to_owned())
}

/// An RFC 3339 time with `Z` or a `+hh:mm`/`-hh:mm` offset, in Unix
/// milliseconds.
fn rfc3339_ms(text: &str) -> Option<i64> {
    let to_ms = |time: SystemTime| {
        let since = time.duration_since(UNIX_EPOCH).ok()?;
        i64::try_from(since.as_millis()).ok()
    };
    if let Ok(time) = humantime::parse_rfc3339(text) {
        return to_ms(time);
    }
    let split = text.len().checked_sub(6)?;
    let (local, offset) = (text.get(..split)?, text.get(split..)?.as_bytes());
    let sign = match offset[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if offset[3] != b':' || local.ends_with(['Z', 'z']) {
        return None;
    }
    let digits = |at: usize| -> Option<i64> {
        let (tens, ones) = (offset[at], offset[at + 1]);
        (tens.is_ascii_digit() && ones.is_ascii_digit())
            .then(|| i64::from(tens - b'0') * 10 + i64::from(ones - b'0'))
    };
    let (hours, minutes) = (digits(1)?, digits(4)?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    let local = to_ms(humantime::parse_rfc3339(&format!("{local}Z")).ok()?)?;
    Some(local - sign * (hours * 3600 + minutes * 60) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_every_accepted_form() {
        let now = UNIX_EPOCH + Duration::from_millis(1_796_551_200_000);
        let at = |text| parse_time_at(text, now);
        assert_eq!(at("1796551200000"), Ok(1_796_551_200_000));
        assert_eq!(at("0"), Ok(0));
        assert_eq!(at("2026-12-06T10:00:00Z"), Ok(1_796_551_200_000));
        assert_eq!(at("2026-12-06T10:00:00.250Z"), Ok(1_796_551_200_250));
        assert_eq!(at("2026-12-06T18:00:00+08:00"), Ok(1_796_551_200_000));
        assert_eq!(at("2026-12-06T05:30:00-04:30"), Ok(1_796_551_200_000));
        assert_eq!(at("2h"), Ok(1_796_551_200_000 - 7_200_000));
        assert_eq!(at("2h ago"), Ok(1_796_551_200_000 - 7_200_000));
        assert_eq!(at("1day 30min"), Ok(1_796_551_200_000 - 88_200_000));
        for bad in [
            "",
            "yesterday",
            "2026-12-06",
            "2026-12-06T10:00:00",
            "2026-12-06T10:00:00Z+08:00",
            "2026-12-06T10:00:00+24:00",
            "2026-12-06T10:00:00+0800",
            "99999999999999999999999",
            "-5",
            "2026-12-06T10:00:00+08:0\u{e9}",
        ] {
            assert!(at(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn urls_must_be_plain_http() {
        assert!(parse_url("http://127.0.0.1:3000/tencent/callback").is_ok());
        assert!(parse_url("https://example.com/cb").is_err());
        assert!(parse_url("/tencent/callback").is_err());
        assert!(parse_url("not a url").is_err());
    }
}
