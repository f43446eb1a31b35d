//! `tencent-webhook replay`.

use std::process::ExitCode;

/// Re-send stored webhooks (an inbox or dead letters, from SQLite or PostgreSQL) to a receiver.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `replay`.
pub async fn run(_args: Args) -> Result<ExitCode, String> {
    Err("replay: not built yet".to_owned())
}
