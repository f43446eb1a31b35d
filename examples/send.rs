//! The sender that was here is now the workspace's command-line tool,
//! `tencent-webhook` (`cli/`), with `--help`, load (`--count`,
//! `--concurrency`), `--expect`, and `listen`, `replay` and `sign` beside
//! `send`:
//!
//! ```sh
//! cargo install --locked --path cli
//! tencent-webhook send --list
//! tencent-webhook send --url http://127.0.0.1:3000/tencent/callback --event gift-sending
//! cargo run -p tencent-webhook-cli -- send --help     # without installing it
//! ```
//!
//! This example only says so, and exits with 2.

use std::process::ExitCode;

fn main() -> ExitCode {
    let options: Vec<String> = std::env::args().skip(1).collect();
    eprintln!(
        "the sender is now the command-line tool `tencent-webhook` (cli/):\n\
         \n  cargo install --locked --path cli\n  tencent-webhook send {}\n\
         \nor, without installing it:\n\
         \n  cargo run -p tencent-webhook-cli -- send {}\n\
         \n`tencent-webhook send --help` lists its options.",
        options.join(" "),
        options.join(" "),
    );
    ExitCode::from(2)
}
