//! `tencent-webhook`: the command-line companion of the `tencent-live-webhook`
//! crate. It sends Tencent Live and Chat webhooks to a receiver as Tencent
//! would (`send`), receives them locally (`listen`), re-sends stored ones
//! (`replay`) and prints signed query strings (`sign`).
//!
//! Exit codes: 0 when everything went as asked, 1 when something did not
//! (a FAIL answer, a decision other than `--expect`, a receiver that could not
//! be reached, a database that could not be read), 2 for bad usage.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod client;
mod listen;
mod replay;
mod report;
mod rules;
mod samples;
mod send;
mod sign;
mod source;
mod store;
mod token;

/// Send, receive, replay and sign Tencent Cloud Live and Chat webhooks.
///
/// The callback token, when one is needed, comes from $TENCENT_WEBHOOK_TOKEN
/// or --token-file (or --token, which lands in your shell history).
#[derive(Debug, Parser)]
#[command(name = "tencent-webhook", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once, and moved once: the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    Send(send::Args),
    Listen(listen::Args),
    Replay(replay::Args),
    Sign(sign::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Sign(args) => sign::run(args),
        command => runtime().and_then(|runtime| {
            runtime.block_on(async move {
                match command {
                    Command::Send(args) => send::run(args).await,
                    Command::Listen(args) => listen::run(args).await,
                    Command::Replay(args) => replay::run(args).await,
                    Command::Sign(_) => unreachable!("signed above"),
                }
            })
        }),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("tencent-webhook: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Bad usage found after parsing (a check clap cannot express): clap's
/// message for `subcommand`, with its usage line, and exit code 2.
pub(crate) fn usage_error(
    subcommand: &str,
    kind: clap::error::ErrorKind,
    message: impl std::fmt::Display,
) -> ! {
    use clap::CommandFactory;
    let mut command = Cli::command();
    command.build();
    let error = match command.find_subcommand_mut(subcommand) {
        Some(subcommand) => subcommand.error(kind, message),
        None => command.error(kind, message),
    };
    error.exit()
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the async runtime: {error}"))
}
