//! `tencent-webhook listen`.

use std::process::ExitCode;

/// Receive webhooks locally, print them, answer decisions by simple rules, and store them.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `listen`.
pub async fn run(_args: Args) -> Result<ExitCode, String> {
    Err("listen: not built yet".to_owned())
}
