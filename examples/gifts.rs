//! Gifts paid in coins kept in SQLite, and room messages moderated: the two
//! before-webhooks decided with a real store, inside Tencent's 2 seconds,
//! with books that stay exact.
//!
//! ```sh
//! cargo run --example gifts     # http://127.0.0.1:3004, wallets in ./gifts.sqlite3
//! tencent-webhook send --url http://127.0.0.1:3004/tencent/callback --event gift-sending
//! tencent-webhook send --url http://127.0.0.1:3004/tencent/callback --event message-sending
//! sqlite3 gifts.sqlite3 'SELECT * FROM wallets; SELECT * FROM debits'
//! ```
//!
//! One `LiveWebhookLayer` in handler mode receives the whole callback URL and
//! prints one line per decision on stderr:
//!
//! - `Live.CallbackBeforeSendGift`: `Count` × `Coins` is debited from the
//!   sender's wallet (`GiftWater.From_Account`) in one transaction, and the
//!   gift is allowed. It is rejected with a code Tencent shows the sender when
//!   the balance is short (102101, "not enough coins") or the sender has no
//!   wallet (102102, "no wallet"), and when its numbers do not fit the books
//!   (102103, "gift value out of range": `Count` × `Coins` over `u64`, or any
//!   value over SQLite's `i64`). Nothing is debited for a rejected gift.
//! - `Group.CallbackBeforeSendMsg`: a word filter over the text elements
//!   (ASCII letters in any case, anywhere in the text: `scam` also catches
//!   `scampi`; other elements are not read). A "reject" word rejects the
//!   message with a reason for the sender (10101); a "drop" word discards it
//!   silently (the sender sees success); a "mask" word is replaced by as many
//!   `*` in the text, and the message is delivered with that `MsgBody`: every
//!   other element, and every other member of the text elements, as it was
//!   sent. The strictest word wins. Otherwise the message is allowed.
//! - Every other command is acknowledged OK, once it is in the inbox.
//!
//! # The inbox
//!
//! Every webhook the layer accepts is kept in an inbox table
//! (`examples/common/inbox.rs`, shared with `examples/sqlite.rs`), in a
//! SQLite file of its own (`INBOX_PATH`), so that its writes never wait for,
//! or hold up, the books' one writer. An after-webhook's row is committed
//! before its OK (a write that fails or misses the deadline is a FAIL). A
//! gift's or a message's row is written after its decision is answered, and
//! never delays it. Rows are keyed by the crate's `IdempotencyKey`: a
//! redelivery adds no row when the key is `exact` or `probable` (a gift with
//! `EventTime`), and one per delivery when there is none (a gift without
//! `EventTime`: two taps within a second look alike).
//!
//! # Dead letters
//!
//! What the layer authenticates but refuses (a body that is not JSON or not
//! the event, and the rest), or answers with its fallback (a gift or a
//! message past its deadline, a handler that failed), is kept as a dead
//! letter in a SQLite file of its own (`DEAD_LETTERS_PATH`), through the
//! crate's bounded `dead_letter_queue` and a task that writes what it takes
//! off it (`examples/common/inbox.rs`; `examples/sqlite.rs` says more). A
//! gift or a message answered with the fallback at its deadline is then in
//! both files: its inbox row (the handler had it) and a `deadline` letter.
//!
//! # Exact books under a deadline
//!
//! Tencent waits 2 seconds for a gift decision, then blocks the gift. The
//! layer answers its fallback (reject) at its deadline (`DEADLINE_MS`,
//! default 1500) and drops the handler's future; but rusqlite is blocking, so
//! the debit runs on tokio's blocking threads, and a blocking closure is not
//! stopped by a drop. A debit must therefore never survive for a gift that
//! was answered with the fallback. The scheme:
//!
//! 1. **One place decides.** Each gift has a handoff shared by its handler
//!    future and its blocking closure. When the closure ends, it hands its
//!    outcome over. The future takes the outcome and returns its decision in
//!    the same poll: the layer sends the decision of a future that is ready,
//!    so a debit that was taken is a debit that was allowed. If the future is
//!    dropped first (the deadline, or a client gone), the handoff is marked
//!    abandoned, and whichever side comes last undoes what was committed.
//! 2. **Rarely late.** Before `COMMIT`, the closure rolls back instead if the
//!    future was dropped, or if less than `COMMIT_MARGIN_MS` (default 200)
//!    is left before the deadline, and the gift is rejected (explicitly, or by
//!    the layer's fallback): a commit that starts is expected to end in time.
//!    SQLite waits for a lock held elsewhere only until the deadline.
//! 3. **Undone when late anyway.** A commit can still end after the fallback
//!    went out (a stalled disk, a descheduled thread). Then the debit is
//!    undone in a compensating transaction: its row deleted and the coins put
//!    back. The closure does it, still holding the connection, when it finds
//!    the handoff abandoned as it hands over; the drop does it, on a thread of
//!    its own, when the future is dropped with an outcome it has not taken.
//!    Until then the debit counts as undecided: a repeat of the same gift is
//!    rejected, not allowed on the strength of it.
//!
//! So every debit in the books belongs to an allowed gift, and every allowed
//! gift has its debit: for each wallet, the coins it was created with are its
//! balance plus its debits. Two limits remain, which no receiver can remove:
//! an allow that Tencent never reads (a lost connection) leaves a debit for a
//! gift Tencent blocked, and so does a crash between a commit and its answer
//! or its undo; the row in `debits` is there to reconcile against Tencent's
//! records. And the scheme needs the reject fallback: with
//! `Live.CallbackBeforeCallBackNotBlock` switched on (and the layer's gift
//! fallback set to allow), every late answer lets a gift through unpaid.
//!
//! # Repeated deliveries
//!
//! `GiftWater` has no id, and two real gifts can look alike: a viewer who
//! taps "send rocket" twice in one second sends two gifts with the same
//! sender, recipients, gift, count and `Time` (seconds). Taking them as one
//! would give the second away; taking a repeat as a new gift would charge
//! twice. Only `EventTime` (milliseconds, when Tencent gives it) tells them
//! apart, so a debit is unique on the gift's fields with `EventTime`: a gift
//! delivered again with the same `EventTime` (a replayed request, a proxy's
//! retry) is allowed once more without a second debit. A gift without
//! `EventTime` (Tencent's documented sample has none) cannot be told from a
//! second gift, and is debited on every delivery. Tencent documents no
//! retries of before-webhooks.
//!
//! Environment: `PORT` (default 3004), `SDKAPPID` (default 1400000001),
//! `TOKEN` (optional: require Tencent's signature), `SQLITE_PATH` (default
//! `gifts.sqlite3`), `WALLETS` (wallets to create when missing,
//! `account:coins,...`; default `144115233775727695:10000`, the viewer of the
//! crate's sample gift), `BLOCKED_WORDS` (`action:word,...`, actions
//! `reject`, `drop` and `mask`; default `reject:scam,drop:free coins,mask:damn`),
//! `DEADLINE_MS` (the layer's deadline, default 1500), `COMMIT_MARGIN_MS`
//! (default 200), `INBOX_PATH` (default: `SQLITE_PATH` with `-inbox` before
//! its `.sqlite3`, `gifts-inbox.sqlite3`), `DEAD_LETTERS_PATH` (default
//! `gifts-dead-letters.sqlite3`, the same way). For tests only: `TEST_GATE=before-commit@HOST:PORT` or
//! `after-commit@HOST:PORT` holds each debit at that point until a TCP
//! connection to that address is closed by its other end.

use std::collections::HashSet;
use std::convert::Infallible;
use std::io::Read;
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use inbox::{AfterAnswer, InboxRow, Later, SqliteDeadLetters};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use tencent_live_webhook::{
    dead_letter_queue, Deadline, GiftDecision, GiftSending, LiveEvent, LiveWebhookLayer,
    MessageDecision, MessageSending, MsgElement, Reply, RequestBody, TokioTimer,
};
use tokio::net::TcpListener;
use tower::{service_fn, ServiceBuilder};

#[path = "common/inbox.rs"]
mod inbox;

/// Created when missing; a restart on the same file keeps the books.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS wallets (
    account TEXT PRIMARY KEY,                   -- TEXT: accounts exceed 2^53
    coins   INTEGER NOT NULL CHECK (coins >= 0)
);
CREATE TABLE IF NOT EXISTS debits (
    id            INTEGER PRIMARY KEY,
    account       TEXT NOT NULL REFERENCES wallets (account),
    room_id       TEXT NOT NULL,
    gift_id       TEXT NOT NULL,
    to_accounts   TEXT NOT NULL,                -- JSON array of the recipients
    count         INTEGER NOT NULL,
    coins         INTEGER NOT NULL,             -- the value of one gift
    amount        INTEGER NOT NULL CHECK (amount >= 0),  -- count x coins, debited
    sent_at       INTEGER NOT NULL,             -- GiftWater.Time, Unix seconds
    event_time_ms INTEGER,                      -- EventTime; NULL when not given
    debited_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- One debit per gift that can be told apart: NULLs are distinct in a UNIQUE
-- index, so gifts without EventTime never conflict.
CREATE UNIQUE INDEX IF NOT EXISTS one_debit_per_gift ON debits
    (account, room_id, gift_id, to_accounts, count, coins, sent_at, event_time_ms);
";

/// Gift rejections Tencent passes on to the sender (102100 to 102200).
const NOT_ENOUGH_COINS: i64 = 102_101;
const NO_WALLET: i64 = 102_102;
const OUT_OF_RANGE: i64 = 102_103;
const BEING_DECIDED: i64 = 102_104;
/// A message rejection Tencent passes on to the sender (10100 to 10200).
const AGAINST_THE_RULES: i64 = 10_101;

/// How long an undo waits for a lock held elsewhere, per attempt.
const UNDO_BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const UNDO_ATTEMPTS: u32 = 10;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let port: u16 = env_or("PORT", 3004)?;
    let app_id: u64 = env_or("SDKAPPID", 1400000001)?;
    let path: String = env_or("SQLITE_PATH", "gifts.sqlite3".to_owned())?;
    let wallets: String = env_or("WALLETS", "144115233775727695:10000".to_owned())?;
    let words: String = env_or(
        "BLOCKED_WORDS",
        "reject:scam,drop:free coins,mask:damn".to_owned(),
    )?;
    let deadline = Duration::from_millis(env_or("DEADLINE_MS", 1500)?);
    let margin = Duration::from_millis(env_or("COMMIT_MARGIN_MS", 200)?);
    let inbox_path = match std::env::var("INBOX_PATH") {
        Ok(inbox_path) => inbox_path,
        Err(_) => match path.strip_suffix(".sqlite3") {
            Some(stem) => format!("{stem}-inbox.sqlite3"),
            None => format!("{path}-inbox"),
        },
    };
    let gate = match std::env::var("TEST_GATE") {
        Ok(gate) => Some(Gate::parse(&gate)?),
        Err(_) => None,
    };

    let ledger = Ledger::open(Path::new(&path), margin, gate)?;
    let seeded = ledger.seed(&parse_wallets(&wallets)?)?;
    eprintln!("books in {path}: {seeded} wallet(s) created");
    let inbox = InboxFile::open(Path::new(&inbox_path))?;
    eprintln!("inbox in {inbox_path}");
    let letters_path = match std::env::var("DEAD_LETTERS_PATH") {
        Ok(letters_path) => letters_path,
        Err(_) => match path.strip_suffix(".sqlite3") {
            Some(stem) => format!("{stem}-dead-letters.sqlite3"),
            None => format!("{path}-dead-letters"),
        },
    };
    let letters = SqliteDeadLetters::open(Path::new(&letters_path))?;
    eprintln!("dead letters in {letters_path}");
    let (sink, queue) = dead_letter_queue(1024);
    letters.keep(queue);
    let app = Arc::new(App {
        ledger: Arc::new(ledger),
        inbox: inbox.clone(),
        words: Words::parse(&words)?,
        deadline,
        gifts: AtomicU64::new(0),
    });

    let mut webhook = LiveWebhookLayer::new("/tencent/callback")
        .app_id(app_id)
        .deadline(deadline)
        .timer(TokioTimer)
        // Tencent's own default, written out: the books rely on it.
        .fallback(GiftSending::COMMAND, GiftDecision::reject())
        .dead_letters(sink);
    if let Some(token) = std::env::var("TOKEN")
        .ok()
        .filter(|token| !token.is_empty())
    {
        webhook = webhook.token(token);
    }
    let webhook = webhook.handler(service_fn(move |request: Request<LiveEvent>| {
        Arc::clone(&app).handle(request)
    }));
    let service = ServiceBuilder::new().layer(webhook).service_fn(not_found);
    // Gifts and messages reach the inbox once they are answered.
    let service = AfterAnswer::new(service, move |row| inbox.store_later(row));

    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        let service = TowerToHyperService::new(service.clone());
        tokio::spawn(async move {
            if let Err(error) = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                eprintln!("connection error: {error}");
            }
        });
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

struct App {
    ledger: Arc<Ledger>,
    inbox: InboxFile,
    words: Words,
    /// The layer's deadline, for a gift that would come without its `Deadline`.
    deadline: Duration,
    /// Numbers the gifts in the log.
    gifts: AtomicU64,
}

impl App {
    /// The handler: a decision for each before-webhook, OK for the rest
    /// once it is in the inbox.
    async fn handle(self: Arc<Self>, request: Request<LiveEvent>) -> Result<Reply, Error> {
        let deadline = request
            .extensions()
            .get::<Deadline>()
            .map_or_else(|| Instant::now() + self.deadline, |deadline| deadline.0);
        let row = InboxRow::of(&request)?;
        let later = request.extensions().get::<Later>().cloned();
        let event = request.into_body();
        if inbox::is_before(&row.command) {
            // Stored once the answer is made (without AfterAnswer, now).
            match later {
                Some(later) => later.push(row),
                None => self.inbox.store_later(row),
            }
        } else {
            self.inbox.save(row, deadline).await?;
        }
        Ok(match event {
            LiveEvent::GiftSending(gift) => self.gift(&gift, deadline).await.into(),
            LiveEvent::MessageSending(message) => self.moderate(&message).into(),
            event => {
                eprintln!("{}: acknowledged", event.callback_command());
                inbox::allow(event.callback_command())
            }
        })
    }

    async fn gift(self: &Arc<Self>, gift: &GiftSending, deadline: Instant) -> GiftDecision {
        let number = self.gifts.fetch_add(1, Ordering::Relaxed) + 1;
        let label = format!("gift #{number} from {}", gift.gift_water.from_account);
        let Some(row) = GiftRow::new(gift) else {
            eprintln!("{label}: rejected: value out of range: nothing debited");
            return reject(OUT_OF_RANGE, "gift value out of range");
        };

        let handoff = Arc::new(Handoff::default());
        let mut guard = Unanswered {
            ledger: Arc::clone(&self.ledger),
            handoff: Arc::clone(&handoff),
            label: label.clone(),
            answered: false,
        };
        let ledger = Arc::clone(&self.ledger);
        let work_label = label.clone();
        let work = tokio::task::spawn_blocking(move || {
            ledger.pay(&row, deadline, &handoff, &work_label);
        });
        // The closure has handed its outcome over when it returns (or it
        // panicked, and there is none: nothing was committed).
        let joined = work.await;
        // Taken and answered in this one poll: the layer sends what this
        // future returns, so a debit taken here is a gift allowed.
        let outcome = guard.handoff.take();
        guard.answered = true;
        let (decision, line) = match outcome {
            Some(Outcome::Paid(debit)) => {
                self.ledger.settled(debit.id);
                (
                    GiftDecision::allow(),
                    format!(
                        "allowed: {} coins debited (debit {}), balance {}",
                        debit.amount, debit.id, debit.balance
                    ),
                )
            }
            Some(Outcome::AlreadyPaid(id)) => (
                GiftDecision::allow(),
                format!("allowed: already paid (debit {id}): nothing debited"),
            ),
            Some(outcome) => (
                outcome.rejection(),
                format!("rejected: {}: nothing debited", outcome.describe()),
            ),
            None => {
                let why = joined
                    .err()
                    .map_or_else(String::new, |error| error.to_string());
                (
                    GiftDecision::reject(),
                    format!("rejected: the store work failed ({why}): nothing debited"),
                )
            }
        };
        eprintln!("{label}: {line}");
        decision
    }

    fn moderate(&self, message: &MessageSending) -> MessageDecision {
        let label = format!(
            "message {} from {} in {}",
            message.msg_id.as_deref().unwrap_or("(no MsgId)"),
            message.from_account(),
            message.group_id
        );
        let worst = message
            .texts()
            .flat_map(|text| self.words.found_in(text))
            .max();
        let (decision, line) = match worst {
            Some(Action::Reject) => (
                MessageDecision::reject_with(
                    AGAINST_THE_RULES,
                    "this message breaks the room's rules",
                )
                .expect("10101 is passed on to the sender"),
                "rejected",
            ),
            Some(Action::Drop) => (MessageDecision::discard(), "discarded"),
            Some(Action::Mask) => (
                MessageDecision::modify(Some(self.words.mask(message.msg_body())), None),
                "masked",
            ),
            None => (MessageDecision::allow(), "allowed"),
        };
        eprintln!("{label}: {line}");
        decision
    }
}

/// A rejection with a reason for the sender; the codes above are all in
/// Tencent's range.
fn reject(code: i64, info: &'static str) -> GiftDecision {
    GiftDecision::reject_with(code, info).expect("a code in 102100..=102200")
}

/// A gift as the books hold it: every number fits SQLite's `i64`.
struct GiftRow {
    account: String,
    room_id: String,
    gift_id: String,
    to_accounts: String,
    count: i64,
    coins: i64,
    amount: i64,
    sent_at: i64,
    event_time_ms: Option<i64>,
}

impl GiftRow {
    /// `None` when `Count` × `Coins` overflows, or a number exceeds `i64`.
    fn new(gift: &GiftSending) -> Option<Self> {
        let water = &gift.gift_water;
        let amount = water.total_coins()?;
        Some(Self {
            account: water.from_account.clone(),
            room_id: gift.room_id.clone(),
            gift_id: water.gift_id().to_owned(),
            to_accounts: serde_json::to_string(water.to_accounts()).ok()?,
            count: water.count().try_into().ok()?,
            coins: water.coins().try_into().ok()?,
            amount: amount.try_into().ok()?,
            sent_at: water.time().try_into().ok()?,
            event_time_ms: match gift.event_time_ms {
                Some(ms) => Some(ms.try_into().ok()?),
                None => None,
            },
        })
    }
}

/// A committed debit.
#[derive(Debug)]
struct Debit {
    id: i64,
    account: String,
    amount: i64,
    /// The balance it left.
    balance: i64,
}

/// How a gift's store work ended.
#[derive(Debug)]
enum Outcome {
    /// Committed: allow, if the handler takes it in time.
    Paid(Debit),
    /// The same gift has a settled debit: allow, without debiting again.
    AlreadyPaid(i64),
    /// The same gift has a debit whose answer is not known yet.
    BeingDecided(i64),
    Short {
        balance: i64,
        amount: i64,
    },
    NoWallet,
    /// Rolled back: too close to the deadline, or answered already.
    TooLate,
    /// Rolled back by an error (a lock held past the deadline, a full disk).
    Failed(String),
}

impl Outcome {
    fn describe(&self) -> String {
        match self {
            Self::Paid(debit) => format!("debit {} of {} coins", debit.id, debit.amount),
            Self::AlreadyPaid(id) => format!("already paid (debit {id})"),
            Self::BeingDecided(id) => format!("the same gift is being decided (debit {id})"),
            Self::Short { balance, amount } => format!("not enough coins ({balance} < {amount})"),
            Self::NoWallet => "no wallet".to_owned(),
            Self::TooLate => "too close to the deadline to commit".to_owned(),
            Self::Failed(error) => format!("store error ({error})"),
        }
    }

    /// The rejection for an outcome that is not a debit: with a reason for
    /// the sender when there is one to give, else the plain reject (the
    /// fallback's bytes).
    fn rejection(&self) -> GiftDecision {
        match self {
            Self::Short { .. } => reject(NOT_ENOUGH_COINS, "not enough coins"),
            Self::NoWallet => reject(NO_WALLET, "no wallet"),
            Self::BeingDecided(_) => reject(BEING_DECIDED, "this gift is being decided"),
            _ => GiftDecision::reject(),
        }
    }
}

/// What a gift's handler future and its blocking closure know of each other.
#[derive(Default)]
struct Handoff(Mutex<Stage>);

#[derive(Default)]
enum Stage {
    /// The closure is at work; the future waits.
    #[default]
    Working,
    /// The closure is done; the future has not taken the outcome yet.
    Finished(Outcome),
    /// The future took the outcome and answers with it.
    Taken,
    /// The future was dropped without an answer: the layer answered the fallback.
    Abandoned,
}

impl Handoff {
    fn stage(&self) -> MutexGuard<'_, Stage> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn is_abandoned(&self) -> bool {
        matches!(*self.stage(), Stage::Abandoned)
    }

    /// The closure hands its outcome over; it gets it back when the future
    /// is gone, to undo what it committed.
    fn finish(&self, outcome: Outcome) -> Result<(), Outcome> {
        let mut stage = self.stage();
        if matches!(*stage, Stage::Abandoned) {
            return Err(outcome);
        }
        *stage = Stage::Finished(outcome);
        Ok(())
    }

    /// The future takes the outcome, to answer with it.
    fn take(&self) -> Option<Outcome> {
        let mut stage = self.stage();
        match std::mem::replace(&mut *stage, Stage::Taken) {
            Stage::Finished(outcome) => Some(outcome),
            _ => None,
        }
    }

    /// The future is dropped: an outcome it did not take is returned, to undo.
    fn abandon(&self) -> Option<Outcome> {
        let mut stage = self.stage();
        match std::mem::replace(&mut *stage, Stage::Abandoned) {
            Stage::Finished(outcome) => Some(outcome),
            Stage::Taken => {
                *stage = Stage::Taken;
                None
            }
            Stage::Working | Stage::Abandoned => None,
        }
    }
}

/// Dropped with the handler's future: marks the handoff abandoned, and
/// undoes a debit that was committed but not taken.
struct Unanswered {
    ledger: Arc<Ledger>,
    handoff: Arc<Handoff>,
    label: String,
    answered: bool,
}

impl Drop for Unanswered {
    fn drop(&mut self) {
        let left = self.handoff.abandon();
        if !self.answered {
            eprintln!(
                "{}: no decision in time: the layer answers its fallback (reject)",
                self.label
            );
        }
        if let Some(debit) = left.and_then(|outcome| unanswered(outcome, &self.label)) {
            // A drop must not block the runtime: the undo waits for the
            // connection on a thread of its own.
            let ledger = Arc::clone(&self.ledger);
            let label = self.label.clone();
            std::thread::spawn(move || {
                ledger.undo_unanswered(&mut ledger.connection(), &debit, &label);
            });
        }
    }
}

/// An outcome that came after the layer answered its fallback: the debit to
/// undo, if it is one; anything else is reported, there is nothing to undo.
fn unanswered(outcome: Outcome, label: &str) -> Option<Debit> {
    match outcome {
        Outcome::Paid(debit) => Some(debit),
        other => {
            eprintln!(
                "{label}: store work ended after the fallback ({}): nothing debited",
                other.describe()
            );
            None
        }
    }
}

/// The inbox's file: one connection of its own, apart from the books'.
#[derive(Clone)]
struct InboxFile {
    connection: Arc<Mutex<Connection>>,
}

impl InboxFile {
    fn open(path: &Path) -> rusqlite::Result<Self> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.execute_batch(inbox::SQLITE_SCHEMA)?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Writes the row in a transaction of its own, giving up at `until`.
    fn write(&self, row: &InboxRow, until: Instant) -> Result<(), Error> {
        let mut connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err("the deadline passed while waiting for the inbox".into());
        }
        connection.busy_timeout(left)?;
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let inserted = row.insert_sqlite(&transaction)?;
        transaction.commit()?;
        row.log(inserted);
        Ok(())
    }

    /// An after-webhook's row: `Ok` once committed, or there already.
    async fn save(&self, row: InboxRow, deadline: Instant) -> Result<(), Error> {
        let inbox = self.clone();
        let label = row.label();
        let write = tokio::task::spawn_blocking(move || inbox.write(&row, deadline));
        let result = match tokio::time::timeout_at(deadline.into(), write).await {
            Ok(Ok(result)) => result,
            Ok(Err(panicked)) => Err(panicked.into()),
            Err(_) => Err("the deadline passed before the webhook was stored".into()),
        };
        if let Err(error) = &result {
            eprintln!("inbox {label}: not stored: {error}");
        }
        result
    }

    /// A before-webhook's row, written on a blocking thread of its own,
    /// after its answer; a failure is logged (the decision is out).
    fn store_later(&self, row: InboxRow) {
        let inbox = self.clone();
        tokio::task::spawn_blocking(move || {
            let until = Instant::now() + Duration::from_secs(60);
            if let Err(error) = inbox.write(&row, until) {
                eprintln!("inbox {}: not stored: {error}", row.label());
            }
        });
    }
}

/// The books: one connection, shared by the blocking closures (SQLite has
/// one writer anyway).
struct Ledger {
    connection: Mutex<Connection>,
    /// Debits committed whose gift is not answered yet.
    unsettled: Mutex<HashSet<i64>>,
    margin: Duration,
    gate: Option<Gate>,
}

impl Ledger {
    fn open(path: &Path, margin: Duration, gate: Option<Gate>) -> rusqlite::Result<Self> {
        let connection = Connection::open(path)?;
        // WAL: readers never wait for the writer. synchronous = FULL: a commit
        // is on disk (fsync) before it returns, so before the allow is sent.
        let mode: String =
            connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            eprintln!("journal mode is {mode}, not WAL");
        }
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.busy_timeout(UNDO_BUSY_TIMEOUT)?;
        connection.execute_batch(SCHEMA)?;
        Ok(Self {
            connection: Mutex::new(connection),
            unsettled: Mutex::new(HashSet::new()),
            margin,
            gate,
        })
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn unsettled(&self) -> MutexGuard<'_, HashSet<i64>> {
        self.unsettled
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The debit's gift is answered with allow.
    fn settled(&self, id: i64) {
        self.unsettled().remove(&id);
    }

    /// Creates the wallets that do not exist; returns how many.
    fn seed(&self, wallets: &[(String, i64)]) -> rusqlite::Result<usize> {
        let mut connection = self.connection();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut created = 0;
        for (account, coins) in wallets {
            created += transaction.execute(
                "INSERT INTO wallets (account, coins) VALUES (?1, ?2)
                 ON CONFLICT (account) DO NOTHING",
                params![account, coins],
            )?;
        }
        transaction.commit()?;
        Ok(created)
    }

    /// The blocking closure: debits the gift, hands the outcome over, and
    /// undoes the debit when the handler's future is gone.
    fn pay(&self, gift: &GiftRow, deadline: Instant, handoff: &Handoff, label: &str) {
        let mut connection = self.connection();
        let outcome = self
            .debit(&mut connection, gift, deadline, handoff, label)
            .unwrap_or_else(|error| Outcome::Failed(error.to_string()));
        let paid = matches!(outcome, Outcome::Paid(_));
        if let Outcome::Paid(debit) = &outcome {
            // Visible to the next transaction on this connection, which waits
            // for the lock this closure still holds.
            self.unsettled().insert(debit.id);
        }
        match handoff.finish(outcome) {
            Ok(()) => {
                drop(connection);
                if paid {
                    self.hold(GateAt::AfterCommit, label);
                }
            }
            Err(outcome) => {
                if let Some(debit) = unanswered(outcome, label) {
                    self.undo_unanswered(&mut connection, &debit, label);
                }
            }
        }
    }

    /// One transaction: the debit, or nothing.
    fn debit(
        &self,
        connection: &mut Connection,
        gift: &GiftRow,
        deadline: Instant,
        handoff: &Handoff,
        label: &str,
    ) -> rusqlite::Result<Outcome> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || handoff.is_abandoned() {
            return Ok(Outcome::TooLate);
        }
        // Waits for a lock held elsewhere until the deadline, not longer.
        connection.busy_timeout(left + Duration::from_millis(1))?;
        // IMMEDIATE takes the write lock at BEGIN: the balance read below
        // cannot change before COMMIT.
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(balance) = transaction
            .query_row(
                "SELECT coins FROM wallets WHERE account = ?1",
                params![gift.account],
                |row| row.get::<_, i64>(0),
            )
            .optional()?
        else {
            return Ok(Outcome::NoWallet);
        };
        let inserted = transaction
            .query_row(
                "INSERT INTO debits (account, room_id, gift_id, to_accounts, count, coins,
                                     amount, sent_at, event_time_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT DO NOTHING
                 RETURNING id",
                params![
                    gift.account,
                    gift.room_id,
                    gift.gift_id,
                    gift.to_accounts,
                    gift.count,
                    gift.coins,
                    gift.amount,
                    gift.sent_at,
                    gift.event_time_ms,
                ],
                |row| row.get::<_, i64>(0),
            )
            .optional()?;
        let Some(id) = inserted else {
            // The same gift (same EventTime) has a debit.
            let id = transaction.query_row(
                "SELECT id FROM debits
                 WHERE account = ?1 AND room_id = ?2 AND gift_id = ?3 AND to_accounts = ?4
                   AND count = ?5 AND coins = ?6 AND sent_at = ?7 AND event_time_ms = ?8",
                params![
                    gift.account,
                    gift.room_id,
                    gift.gift_id,
                    gift.to_accounts,
                    gift.count,
                    gift.coins,
                    gift.sent_at,
                    gift.event_time_ms,
                ],
                |row| row.get::<_, i64>(0),
            )?;
            return Ok(if self.unsettled().contains(&id) {
                Outcome::BeingDecided(id)
            } else {
                Outcome::AlreadyPaid(id)
            });
        };
        if balance < gift.amount {
            return Ok(Outcome::Short {
                balance,
                amount: gift.amount,
            });
        }
        transaction.execute(
            "UPDATE wallets SET coins = coins - ?1 WHERE account = ?2",
            params![gift.amount, gift.account],
        )?;
        // Commit only with time to spare, and only for a gift still waiting.
        let left = deadline.saturating_duration_since(Instant::now());
        if left <= self.margin || handoff.is_abandoned() {
            return Ok(Outcome::TooLate); // the transaction rolls back when dropped
        }
        self.hold(GateAt::BeforeCommit, label);
        transaction.commit()?;
        Ok(Outcome::Paid(Debit {
            id,
            account: gift.account.clone(),
            amount: gift.amount,
            balance: balance - gift.amount,
        }))
    }

    /// A committed debit nobody answered with: the layer answered its
    /// fallback, so it is undone.
    fn undo_unanswered(&self, connection: &mut Connection, debit: &Debit, label: &str) {
        match self.undo(connection, debit) {
            Ok(()) => eprintln!(
                "{label}: committed, but the layer answered its fallback first: debit {} of {} coins undone",
                debit.id, debit.amount
            ),
            Err(error) => eprintln!(
                "{label}: BOOKS WRONG: debit {} of {} coins, for a rejected gift, could not be undone: {error}",
                debit.id, debit.amount
            ),
        }
    }

    /// The compensating transaction, retried: the debit's row goes, its
    /// coins go back.
    fn undo(&self, connection: &mut Connection, debit: &Debit) -> rusqlite::Result<()> {
        connection.busy_timeout(UNDO_BUSY_TIMEOUT)?;
        let mut attempt = 1;
        loop {
            match undo_once(connection, debit) {
                Ok(()) => break,
                Err(error) if attempt < UNDO_ATTEMPTS => {
                    eprintln!("undoing debit {}: {error}; trying again", debit.id);
                    attempt += 1;
                }
                Err(error) => return Err(error),
            }
        }
        self.settled(debit.id);
        Ok(())
    }

    /// Test hook: waits at `at` until the test lets go.
    fn hold(&self, at: GateAt, label: &str) {
        let Some(gate) = self.gate.as_ref().filter(|gate| gate.at == at) else {
            return;
        };
        eprintln!("{label}: held at the test gate, {}", at.name());
        match TcpStream::connect(gate.address) {
            Ok(mut stream) => {
                let _ = stream.read_to_end(&mut Vec::new());
            }
            Err(error) => eprintln!("test gate {}: {error}", gate.address),
        }
    }
}

fn undo_once(connection: &mut Connection, debit: &Debit) -> rusqlite::Result<()> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let deleted = transaction.execute("DELETE FROM debits WHERE id = ?1", params![debit.id])?;
    if deleted == 1 {
        transaction.execute(
            "UPDATE wallets SET coins = coins + ?1 WHERE account = ?2",
            params![debit.amount, debit.account],
        )?;
    }
    transaction.commit()
}

/// `TEST_GATE`: where a debit waits for the test, and the test's address.
struct Gate {
    at: GateAt,
    address: SocketAddr,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum GateAt {
    /// Written, checked, not committed.
    BeforeCommit,
    /// Committed and handed over, the closure not yet returned.
    AfterCommit,
}

impl GateAt {
    fn name(self) -> &'static str {
        match self {
            Self::BeforeCommit => "before-commit",
            Self::AfterCommit => "after-commit",
        }
    }
}

impl Gate {
    fn parse(value: &str) -> Result<Self, String> {
        let invalid = || format!("TEST_GATE is not valid: {value:?}");
        let (at, address) = value.split_once('@').ok_or_else(invalid)?;
        let at = [GateAt::BeforeCommit, GateAt::AfterCommit]
            .into_iter()
            .find(|gate| gate.name() == at)
            .ok_or_else(invalid)?;
        Ok(Self {
            at,
            address: address.parse().map_err(|_| invalid())?,
        })
    }
}

/// What a blocked word does to a message; the strictest found wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    Mask,
    Drop,
    Reject,
}

/// The word list, in ASCII lowercase.
struct Words(Vec<(Action, String)>);

impl Words {
    fn parse(list: &str) -> Result<Self, String> {
        let mut words = Vec::new();
        for entry in list
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
        {
            let invalid = || format!("BLOCKED_WORDS: {entry:?} is not action:word");
            let (action, word) = entry.split_once(':').ok_or_else(invalid)?;
            let action = match action.trim() {
                "reject" => Action::Reject,
                "drop" => Action::Drop,
                "mask" => Action::Mask,
                _ => return Err(invalid()),
            };
            let word = word.trim().to_ascii_lowercase();
            if word.is_empty() {
                return Err(invalid());
            }
            words.push((action, word));
        }
        Ok(Self(words))
    }

    /// The actions of the words in `text`.
    fn found_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Action> + 'a {
        self.0
            .iter()
            .filter(move |(_, word)| find(text, word, 0).is_some())
            .map(|(action, _)| *action)
    }

    /// The message body with every mask word of its text elements replaced
    /// by `*`s; every other element, and member, as it was.
    fn mask(&self, body: &[MsgElement]) -> Vec<MsgElement> {
        body.iter()
            .map(|element| match element {
                MsgElement::Text(text) => {
                    let mut text = text.clone();
                    for (_, word) in self.0.iter().filter(|(action, _)| *action == Action::Mask) {
                        text.text = Some(mask(text.text(), word));
                    }
                    MsgElement::Text(text)
                }
                other => other.clone(),
            })
            .collect()
    }
}

/// Where `word` (ASCII lowercase) is in `text` at or after byte `from`,
/// ASCII letters in any case. A match starts on a character boundary and,
/// since only ASCII bytes compare loosely, ends on one.
fn find(text: &str, word: &str, from: usize) -> Option<usize> {
    let (text_bytes, word_bytes) = (text.as_bytes(), word.as_bytes());
    let last = text_bytes.len().checked_sub(word_bytes.len())?;
    (from..=last).find(|&at| {
        text.is_char_boundary(at)
            && text_bytes[at..at + word_bytes.len()].eq_ignore_ascii_case(word_bytes)
    })
}

fn mask(text: &str, word: &str) -> String {
    let stars = "*".repeat(word.chars().count());
    let mut masked = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(at) = find(text, word, rest) {
        masked.push_str(&text[rest..at]);
        masked.push_str(&stars);
        rest = at + word.len();
    }
    masked.push_str(&text[rest..]);
    masked
}

/// `WALLETS`: `account:coins,...`.
fn parse_wallets(list: &str) -> Result<Vec<(String, i64)>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let invalid = || format!("WALLETS: {entry:?} is not account:coins");
            let (account, coins) = entry.rsplit_once(':').ok_or_else(invalid)?;
            let coins: i64 = coins.trim().parse().map_err(|_| invalid())?;
            if account.trim().is_empty() || coins < 0 {
                return Err(invalid());
            }
            Ok((account.trim().to_owned(), coins))
        })
        .collect()
}

/// Everything that is not the webhook.
async fn not_found(_: Request<RequestBody<Incoming>>) -> Result<Response<Full<Bytes>>, Infallible> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"not found")));
    *response.status_mut() = StatusCode::NOT_FOUND;
    Ok(response)
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .map_err(|_| format!("{name} is not valid: {value:?}")),
        Err(_) => Ok(default),
    }
}
