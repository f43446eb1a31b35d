//! `tencent-webhook sign`: the signed query string for a token and a time.

use std::process::ExitCode;

use clap::error::ErrorKind;
use tencent_live_webhook::testing::WebhookRequest;

use crate::client::{now_seconds, signed_query};
use crate::token::{TokenArgs, TOKEN_VARIABLE};

/// The RequestTime tolerance of the library's layer, by default, in seconds.
const DEFAULT_TOLERANCE: u64 = 60;

/// Print the signed query string for a token and a time.
///
/// For debugging a signature mismatch: Tencent's Sign is the hex SHA-256 of
/// the callback token followed by RequestTime. The query goes to stdout, on
/// one line; a note on stderr says how far RequestTime is from now. The token
/// is never printed.
///
/// The token is required: without one (from --token-file, --token or
/// $TENCENT_WEBHOOK_TOKEN), there is nothing to sign with; that is bad usage,
/// exit 2. A token file that cannot be read exits 1.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub token: TokenArgs,

    /// The RequestTime to sign, in Unix seconds. [default: now]
    #[arg(long, value_name = "SECONDS")]
    pub time: Option<u64>,

    /// A query string as received (from a log, say), or the whole URL: its
    /// own Sign and RequestTime are replaced, the rest is kept in its order.
    /// Whatever comes before a ? is left out.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,

    /// Without --query: the SdkAppid of the query made.
    #[arg(
        long,
        value_name = "ID",
        default_value_t = 1_400_000_001,
        conflicts_with = "query"
    )]
    pub app_id: u64,

    /// Without --query: the CallbackCommand of the query made.
    /// [default: Live.CallbackAfterEndBattle]
    #[arg(long, value_name = "CMD", conflicts_with = "query")]
    pub command: Option<String>,
}

/// The command of the query made without `--query` or `--command`: that of
/// `send`'s default sample.
const DEFAULT_COMMAND: &str = "Live.CallbackAfterEndBattle";

/// Runs `sign`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let Some(token) = args.token.resolve()? else {
        let problem = match &args.token.token_file {
            Some(path) => format!("the token file {} is empty", path.display()),
            None => format!(
                "a token is required: set ${TOKEN_VARIABLE}, or give --token-file FILE (or --token)"
            ),
        };
        crate::usage_error("sign", ErrorKind::MissingRequiredArgument, problem);
    };
    let now = now_seconds();
    let time = args.time.unwrap_or(now);
    let query = match &args.query {
        Some(query) => query
            .split_once('?')
            .map_or(query.as_str(), |(_, query)| query)
            .to_owned(),
        None => WebhookRequest::raw(args.command.as_deref().unwrap_or(DEFAULT_COMMAND), "")
            .app_id(args.app_id)
            .query(),
    };
    println!("{}", signed_query(&query, Some(&token), time));
    eprintln!("tencent-webhook: {}", note(time, now));
    Ok(ExitCode::SUCCESS)
}

/// How far `time` is from `now`, and whether a layer with the default
/// tolerance accepts it.
fn note(time: u64, now: u64) -> String {
    let apart = time.abs_diff(now);
    let when = if apart == 0 {
        "now".to_owned()
    } else if time < now {
        format!("{} ago", words(apart))
    } else {
        format!("{} from now", words(apart))
    };
    let verdict = if apart <= DEFAULT_TOLERANCE {
        "within"
    } else {
        "outside"
    };
    format!(
        "RequestTime {time} is {when}: {verdict} the layer's default tolerance of {DEFAULT_TOLERANCE} s"
    )
}

/// A span of seconds in words: `42 s`, `3 min 5 s`, `2 h 1 min`, `3 d 4 h`.
fn words(seconds: u64) -> String {
    let (days, hours, minutes, rest) = (
        seconds / 86_400,
        seconds / 3_600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{rest} s"),
        (0, 0, _) => format!("{minutes} min {rest} s"),
        (0, _, _) => format!("{hours} h {minutes} min"),
        _ => format!("{days} d {hours} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_say_how_far_and_which_side() {
        assert_eq!(
            note(100, 100),
            "RequestTime 100 is now: within the layer's default tolerance of 60 s"
        );
        assert!(note(30, 100).contains("is 1 min 10 s ago: outside"));
        assert!(note(160, 100).contains("is 1 min 0 s from now: within"));
        assert_eq!(words(3_725), "1 h 2 min");
        assert_eq!(words(90_000), "1 d 1 h");
    }
}
