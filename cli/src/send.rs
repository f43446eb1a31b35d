//! `tencent-webhook send`.

use std::process::ExitCode;

/// Send webhooks to a receiver: any command's sample, a JSON file, or a directory of them.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `send`.
pub async fn run(_args: Args) -> Result<ExitCode, String> {
    Err("send: not built yet".to_owned())
}
