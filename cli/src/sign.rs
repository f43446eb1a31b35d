//! `tencent-webhook sign`.

use std::process::ExitCode;

/// Print the signed query string for a token and a time.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `sign`.
pub fn run(_args: Args) -> Result<ExitCode, String> {
    Err("sign: not built yet".to_owned())
}
