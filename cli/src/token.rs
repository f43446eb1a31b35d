//! Where the callback token comes from: `--token-file`, `--token` or
//! `$TENCENT_WEBHOOK_TOKEN`, in that order.

use std::path::PathBuf;

/// The environment variable that holds the callback token.
pub const TOKEN_VARIABLE: &str = "TENCENT_WEBHOOK_TOKEN";

/// The callback token's options, shared by the subcommands that sign.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct TokenArgs {
    /// Read the callback token from this file (its content, surrounding
    /// whitespace removed). Without it, the token is $TENCENT_WEBHOOK_TOKEN.
    #[arg(long, value_name = "FILE", conflicts_with = "token")]
    pub token_file: Option<PathBuf>,

    /// The callback token itself. It lands in your shell history and in the
    /// process list: prefer $TENCENT_WEBHOOK_TOKEN or --token-file.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
}

impl TokenArgs {
    /// The token, if any was given. Warns on stderr when it came from
    /// `--token`; an empty token counts as none.
    pub fn resolve(&self) -> Result<Option<String>, String> {
        let token = if let Some(path) = &self.token_file {
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("--token-file {}: {error}", path.display()))?;
            Some(text.trim().to_owned())
        } else if let Some(token) = &self.token {
            eprintln!(
                "tencent-webhook: warning: --token lands in your shell history; \
                 prefer ${TOKEN_VARIABLE} or --token-file"
            );
            Some(token.clone())
        } else {
            std::env::var(TOKEN_VARIABLE).ok()
        };
        Ok(token.filter(|token| !token.is_empty()))
    }
}
