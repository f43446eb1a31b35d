//! Sends any Tencent Live or Chat webhook to any URL, as Tencent would, and prints the answer.
//!
//! ```sh
//! cargo run --example send -- --list
//! cargo run --example send -- --url http://127.0.0.1:3000/tencent/callback --event gift
//! TOKEN=secret cargo run --example send -- --url http://127.0.0.1:3000/tencent/callback --event room-created
//! cargo run --example send -- --url http://127.0.0.1:3000/tencent/callback --file battle.json
//! ```
//!
//! Options: `--url` (required, but for `--list`), `--app-id` (default
//! 1400000001), `--event NAME` (the sample of one command, from
//! `TencentEvent::samples()`; `--list` prints the names and their commands;
//! default `battle-ended`; `create`, `start` and `end` name the battle events too),
//! `--file` (a JSON body to send instead; its `CallbackCommand` is the command
//! unless `--command` says otherwise), `--token` (signs the request; `$TOKEN`
//! is read when it is not given, which keeps the token out of your shell
//! history). Exits with 0 on an answer with `"ActionStatus":"OK"` (an
//! acknowledgement or a decision), 1 on anything else, 2 on bad options.

use std::process::ExitCode;

use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tencent_live_webhook::testing::WebhookRequest;
use tencent_live_webhook::{ActionStatus, TencentEvent};

struct Options {
    url: String,
    app_id: u64,
    token: Option<String>,
    event: String,
    file: Option<String>,
    command: Option<String>,
    list: bool,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("send: {message}\nusage: send --url URL [--app-id ID] [--event NAME] [--file JSON [--command C]] [--token T] | send --list");
            return ExitCode::from(2);
        }
    };
    if options.list {
        for (name, event) in events() {
            println!("{name:<24} {}", event.callback_command());
        }
        return ExitCode::SUCCESS;
    }
    match send(options).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("send: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        url: String::new(),
        app_id: 1400000001,
        token: std::env::var("TOKEN")
            .ok()
            .filter(|token| !token.is_empty()),
        event: "battle-ended".to_owned(),
        file: None,
        command: None,
        list: false,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => options.url = value()?,
            "--app-id" => {
                let app_id = value()?;
                options.app_id = app_id
                    .parse()
                    .map_err(|_| format!("--app-id {app_id:?} is not a number"))?;
            }
            "--token" => options.token = Some(value()?),
            "--event" => options.event = value()?,
            "--file" => options.file = Some(value()?),
            "--command" => options.command = Some(value()?),
            "--list" => options.list = true,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.url.is_empty() && !options.list {
        return Err("--url is required".to_owned());
    }
    Ok(options)
}

async fn send(options: Options) -> Result<bool, String> {
    let webhook = match &options.file {
        Some(path) => {
            let body = std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))?;
            let command = match options.command {
                Some(command) => command,
                None => command_in(&body).ok_or(format!(
                    "{path} has no CallbackCommand; say which with --command"
                ))?,
            };
            WebhookRequest::raw(command, body)
        }
        None => {
            let name = match options.event.as_str() {
                "create" => "battle-created",
                "start" => "battle-started",
                "end" => "battle-ended",
                name => name,
            };
            let event = events()
                .into_iter()
                .find(|(known, _)| known == name)
                .map(|(_, event)| event)
                .ok_or(format!("--event {name:?}: see --list for the names"))?;
            WebhookRequest::new(&event)
        }
    };
    let mut webhook = webhook.uri(&options.url).app_id(options.app_id);
    if let Some(token) = options.token {
        webhook = webhook.token(token);
    }
    let request = webhook.build();

    let client = Client::builder(TokioExecutor::new()).build_http();
    let response = client
        .request(request)
        .await
        .map_err(|error| format!("{}: {error}", options.url))?;
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|error| format!("reading the answer: {error}"))?
        .to_bytes();
    println!("HTTP {status}");
    println!("{}", String::from_utf8_lossy(&body));
    let answered_ok = serde_json::from_slice::<serde_json::Value>(&body).is_ok_and(|answer| {
        serde_json::from_value::<ActionStatus>(answer["ActionStatus"].clone())
            .is_ok_and(|status| status == ActionStatus::Ok)
    });
    Ok(status.is_success() && answered_ok)
}

/// Every command's sample, by a name made of its type's: `RoomCreated` is `room-created`.
fn events() -> Vec<(String, TencentEvent)> {
    TencentEvent::samples()
        .into_iter()
        .map(|event| {
            let mut name = String::new();
            for (at, letter) in event.name().char_indices() {
                if letter.is_uppercase() && at > 0 {
                    name.push('-');
                }
                name.push(letter.to_ascii_lowercase());
            }
            (name, event)
        })
        .collect()
}

fn command_in(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value.get("CallbackCommand")?.as_str().map(str::to_owned)
}
