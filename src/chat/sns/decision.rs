//! The answer to the two friend-request before-webhooks: a verdict for each
//! user the request names.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::code::{check_range, DecisionError};

/// The `ResultCode`s of a refused friend request (or answer) that Tencent
/// passes on to the user, with their `ResultInfo`.
pub const FRIEND_SENDER_CODES: RangeInclusive<i64> = 38_000..=39_000;

/// The answer to `Sns.CallbackPrevFriendAdd` and
/// `Sns.CallbackPrevFriendResponse`: for each user the request names (each
/// `To_Account`), may it go on?
///
/// Tencent reads one `ResultItem` per user, `{"To_Account", "ResultCode",
/// "ResultInfo"}`: `ResultCode` 0 lets that request (or answer) go on, a code
/// in [`FRIEND_SENDER_CODES`] (38000 to 39000) refuses it, with the
/// `ResultInfo` shown to the user. `ErrorCode` is always 0: Tencent ignores
/// it, and the verdicts are the decision.
///
/// A decision names the users it has a verdict for, and may say what the
/// others get ([`allow_all`](Self::allow_all), [`refuse_all`](Self::refuse_all)).
/// The layer completes it against the request: the answer has one
/// `ResultItem` per `To_Account` of the request, in its order. A user the
/// decision leaves out gets the decision's rule, or else the rule of the
/// layer's fallback for the command (allow, by default); a verdict for a user
/// the request does not name is dropped and logged. A body that could not be
/// decoded names nobody: its fallback is answered with an empty `ResultItem`
/// list (Tencent's pages do not say what a user left out gets; allowed, by
/// the catalogue's reading).
///
/// ```
/// use tencent_live_webhook::FriendDecision;
///
/// // Refuse the request to "id2"; the other users get the layer's rule.
/// let decision = FriendDecision::new().refuse("id2", 38001, "not taking requests")?;
/// assert_eq!(
///     decision.to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"ResultItem":[{"To_Account":"id2","ResultCode":38001,"ResultInfo":"not taking requests"}]}"#
/// );
/// assert!(FriendDecision::refuse_all(1, "no").is_err());
/// # Ok::<(), tencent_live_webhook::DecisionError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FriendDecision {
    results: Vec<FriendResult>,
    others: Option<FriendResult>,
}

/// One user's verdict in a [`FriendDecision`]: a `ResultItem`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FriendResult {
    to_account: String,
    result_code: i64,
    result_info: Cow<'static, str>,
}

impl FriendResult {
    /// `To_Account`: the user this verdict is for.
    pub fn to_account(&self) -> &str {
        &self.to_account
    }

    /// `ResultCode`: 0 lets the request go on; a code in
    /// [`FRIEND_SENDER_CODES`] refuses it.
    pub fn result_code(&self) -> i64 {
        self.result_code
    }

    /// `ResultInfo`: why it was refused, for the user.
    pub fn result_info(&self) -> &str {
        &self.result_info
    }

    /// Whether the request to this user goes on: `ResultCode` 0.
    pub fn is_allowed(&self) -> bool {
        self.result_code == 0
    }

    fn for_account(&self, to_account: &str) -> Self {
        Self {
            to_account: to_account.to_owned(),
            ..self.clone()
        }
    }

    const ALLOW: Self = Self {
        to_account: String::new(),
        result_code: 0,
        result_info: Cow::Borrowed(""),
    };
}

impl Serialize for FriendResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut item = serializer.serialize_struct("ResultItem", 3)?;
        item.serialize_field("To_Account", &self.to_account)?;
        item.serialize_field("ResultCode", &self.result_code)?;
        item.serialize_field("ResultInfo", &*self.result_info)?;
        item.end()
    }
}

impl FriendDecision {
    /// No verdict yet: the users named with [`allow`](Self::allow) and
    /// [`refuse`](Self::refuse) get theirs, the others the rule of the
    /// layer's fallback.
    pub const fn new() -> Self {
        Self {
            results: Vec::new(),
            others: None,
        }
    }

    /// Every user's request goes on, unless named by [`refuse`](Self::refuse):
    /// the default fallback, as Tencent lets requests go on when the webhook
    /// fails.
    pub const fn allow_all() -> Self {
        Self {
            results: Vec::new(),
            others: Some(FriendResult::ALLOW),
        }
    }

    /// Every user's request is refused with `result_code`, which must be in
    /// [`FRIEND_SENDER_CODES`], unless named by [`allow`](Self::allow).
    ///
    /// Never put secrets in `result_info`: it reaches the user's app.
    pub fn refuse_all(
        result_code: i64,
        result_info: impl Into<Cow<'static, str>>,
    ) -> Result<Self, DecisionError> {
        check_range(result_code, &FRIEND_SENDER_CODES)?;
        Ok(Self {
            results: Vec::new(),
            others: Some(FriendResult {
                to_account: String::new(),
                result_code,
                result_info: result_info.into(),
            }),
        })
    }

    /// The request to (or from) `to_account` goes on: `ResultCode` 0.
    pub fn allow(mut self, to_account: impl Into<String>) -> Self {
        self.results.push(FriendResult {
            to_account: to_account.into(),
            ..FriendResult::ALLOW
        });
        self
    }

    /// The request to (or from) `to_account` is refused, and the user is
    /// told why: `result_code` must be in [`FRIEND_SENDER_CODES`].
    ///
    /// Never put secrets in `result_info`: it reaches the user's app.
    pub fn refuse(
        mut self,
        to_account: impl Into<String>,
        result_code: i64,
        result_info: impl Into<Cow<'static, str>>,
    ) -> Result<Self, DecisionError> {
        check_range(result_code, &FRIEND_SENDER_CODES)?;
        self.results.push(FriendResult {
            to_account: to_account.into(),
            result_code,
            result_info: result_info.into(),
        });
        Ok(self)
    }

    /// The verdicts: before the layer completes the decision, those named;
    /// after, one per `To_Account` of the request.
    pub fn results(&self) -> &[FriendResult] {
        &self.results
    }

    /// What the users the decision does not name get, when it says
    /// (`ResultCode` and `ResultInfo`; its `to_account` is empty).
    pub fn others(&self) -> Option<&FriendResult> {
        self.others.as_ref()
    }

    /// Whether every verdict lets its request go on, the users not named
    /// included.
    pub fn is_allowed(&self) -> bool {
        self.results.iter().all(FriendResult::is_allowed)
            && self.others.as_ref().is_none_or(FriendResult::is_allowed)
    }

    /// The `ErrorCode`: always 0, since the verdicts are the decision.
    pub fn error_code(&self) -> i64 {
        0
    }

    /// The decision as the JSON bytes Tencent reads.
    pub fn to_bytes(&self) -> bytes::Bytes {
        crate::ack::json_bytes(self)
    }

    /// One verdict per account of `to_accounts`, in its order: the decision's
    /// own (the first, when it names an account twice), else its rule, else
    /// `fallback`'s verdict for the account. Verdicts for accounts not in
    /// `to_accounts` are dropped: the number dropped is returned.
    pub(crate) fn complete(&self, to_accounts: &[String], fallback: &Self) -> (Self, usize) {
        let results: Vec<FriendResult> = to_accounts
            .iter()
            .map(|account| {
                let named = |results: &[FriendResult]| {
                    results
                        .iter()
                        .find(|result| result.to_account == *account)
                        .cloned()
                };
                named(&self.results)
                    .or_else(|| self.others.as_ref().map(|rule| rule.for_account(account)))
                    .or_else(|| named(&fallback.results))
                    .or_else(|| {
                        fallback
                            .others
                            .as_ref()
                            .map(|rule| rule.for_account(account))
                    })
                    .unwrap_or_else(|| FriendResult::ALLOW.for_account(account))
            })
            .collect();
        let dropped = self
            .results
            .iter()
            .filter(|result| !to_accounts.contains(&result.to_account))
            .count();
        let others = None;
        (Self { results, others }, dropped)
    }
}

impl Serialize for FriendDecision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut answer = serializer.serialize_struct("FriendDecision", 4)?;
        answer.serialize_field("ActionStatus", "OK")?;
        answer.serialize_field("ErrorInfo", "")?;
        answer.serialize_field("ErrorCode", &0)?;
        answer.serialize_field("ResultItem", &self.results)?;
        answer.end()
    }
}
