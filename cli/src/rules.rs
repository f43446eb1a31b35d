//! The decisions `listen` answers, by the simple rules of its flags.
//!
//! - A gift (`Live.CallbackBeforeSendGift`) worth more than
//!   `--reject-gifts-over` coins (`Count` x `Coins`) is rejected; every other
//!   gift is allowed.
//! - A message whose text elements contain one of `--discard-words` (case
//!   ignored) is dropped where its decision can drop silently (a room
//!   message, `Group.CallbackBeforeSendMsg`, and an official account's,
//!   `OfficialAccount.CallbackBeforeSendMsg`) and rejected where it cannot
//!   (a one-to-one message, `C2C.CallbackBeforeSendMsg`).
//! - Every other question is allowed, with its command's own decision; news
//!   is acknowledged.
//! - A command named by `--fail` fails, as a broken app's handler would.

use tencent_live_webhook::{
    C2cMessageDecision, ChatbotReply, CreateGroupDecision, CreateOfficialAccountDecision,
    CreateTopicDecision, FriendDecision, GiftDecision, GiftSending, InviteDecision,
    JoinGroupDecision, MessageDecision, OfficialMessageDecision, Reply, SubscriberDecision,
    TencentEvent,
};

/// The rules, from `listen`'s flags.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    /// A gift worth more coins than this is rejected.
    pub reject_gifts_over: Option<u64>,
    /// Lowercased; empty words are left out.
    discard_words: Vec<String>,
    /// The commands whose handling fails.
    fail: Vec<String>,
}

/// What the handler does with one webhook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Answer this.
    Answer {
        /// The answer.
        reply: Reply,
        /// `ok` (an acknowledgement), `allow`, `reject` or `discard`.
        label: &'static str,
        /// Why, when a rule decided it.
        why: Option<String>,
    },
    /// Fail, as `--fail` asks: the layer answers FAIL (an after-webhook) or
    /// the command's fallback decision (a question), and makes it a dead
    /// letter.
    Fail,
}

impl Verdict {
    fn answer(reply: impl Into<Reply>, label: &'static str) -> Self {
        Self::Answer {
            reply: reply.into(),
            label,
            why: None,
        }
    }

    fn because(reply: impl Into<Reply>, label: &'static str, why: String) -> Self {
        Self::Answer {
            reply: reply.into(),
            label,
            why: Some(why),
        }
    }
}

impl Rules {
    /// Rules from the flags' values.
    pub fn new(reject_gifts_over: Option<u64>, discard_words: &[String], fail: &[String]) -> Self {
        Self {
            reject_gifts_over,
            discard_words: discard_words
                .iter()
                .map(|word| word.trim().to_lowercase())
                .filter(|word| !word.is_empty())
                .collect(),
            fail: fail.to_vec(),
        }
    }

    /// The verdict on `event`.
    pub fn decide(&self, event: &TencentEvent) -> Verdict {
        if self
            .fail
            .iter()
            .any(|command| command == event.callback_command())
        {
            return Verdict::Fail;
        }
        match event {
            TencentEvent::GiftSending(gift) => self.gift(gift),
            TencentEvent::MessageSending(message) => match self.word_in(message.texts()) {
                Some(word) => Verdict::because(
                    MessageDecision::discard(),
                    "discard",
                    format!("the word {word:?}"),
                ),
                None => Verdict::answer(MessageDecision::allow(), "allow"),
            },
            TencentEvent::C2cMessageSending(message) => match self.word_in(message.texts()) {
                Some(word) => Verdict::because(
                    C2cMessageDecision::reject(),
                    "reject",
                    format!("the word {word:?}; a one-to-one message has no silent drop"),
                ),
                None => Verdict::answer(C2cMessageDecision::allow(), "allow"),
            },
            TencentEvent::OfficialMessageSending(message) => match self.word_in(message.texts()) {
                Some(word) => Verdict::because(
                    OfficialMessageDecision::discard(),
                    "discard",
                    format!("the word {word:?}"),
                ),
                None => Verdict::answer(OfficialMessageDecision::allow(), "allow"),
            },
            TencentEvent::GroupCreating(_) => {
                Verdict::answer(CreateGroupDecision::allow(), "allow")
            }
            TencentEvent::TopicCreating(_) => {
                Verdict::answer(CreateTopicDecision::allow(), "allow")
            }
            TencentEvent::JoinRequested(_) => Verdict::answer(JoinGroupDecision::allow(), "allow"),
            TencentEvent::InviteRequested(_) => Verdict::answer(InviteDecision::allow(), "allow"),
            TencentEvent::FriendRequested(_) | TencentEvent::FriendResponding(_) => {
                Verdict::answer(FriendDecision::allow_all(), "allow")
            }
            TencentEvent::OfficialAccountCreating(_) => {
                Verdict::answer(CreateOfficialAccountDecision::allow(), "allow")
            }
            TencentEvent::SubscribersAdding(_) => {
                Verdict::answer(SubscriberDecision::allow(), "allow")
            }
            TencentEvent::BotSignalReceived(_) => Verdict::answer(ChatbotReply::ok(), "allow"),
            // News (and commands outside the tables): handled once printed.
            _ => Verdict::answer((), "ok"),
        }
    }

    fn gift(&self, gift: &GiftSending) -> Verdict {
        let Some(limit) = self.reject_gifts_over else {
            return Verdict::answer(GiftDecision::allow(), "allow");
        };
        match gift.gift_water.total_coins() {
            Some(total) if total <= limit => Verdict::answer(GiftDecision::allow(), "allow"),
            Some(total) => Verdict::because(
                GiftDecision::reject(),
                "reject",
                format!("gift worth {total} coins, over {limit}"),
            ),
            None => Verdict::because(
                GiftDecision::reject(),
                "reject",
                format!("gift worth more coins than a u64 holds, over {limit}"),
            ),
        }
    }

    /// The first discard word found in one of `texts`.
    fn word_in<'a>(&self, texts: impl Iterator<Item = &'a str>) -> Option<&str> {
        if self.discard_words.is_empty() {
            return None;
        }
        for text in texts {
            let text = text.to_lowercase();
            if let Some(word) = self
                .discard_words
                .iter()
                .find(|word| text.contains(word.as_str()))
            {
                return Some(word);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> TencentEvent {
        TencentEvent::samples()
            .into_iter()
            .find(|event| event.name() == name)
            .unwrap_or_else(|| panic!("no sample {name}"))
    }

    #[test]
    fn every_question_is_allowed_with_its_own_decision() {
        let rules = Rules::default();
        for event in TencentEvent::samples() {
            let Verdict::Answer { reply, label, why } = rules.decide(&event) else {
                panic!("{} failed", event.name());
            };
            assert_eq!(reply.error_code(), 0, "{}", event.name());
            assert_eq!(why, None);
            let fallback = <TencentEvent as tencent_live_webhook::WebhookEvent>::fallback(
                event.callback_command(),
            );
            match fallback {
                Some(fallback) => {
                    assert_eq!(label, "allow", "{}", event.name());
                    // The same kind of decision as the command's fallback.
                    assert_eq!(
                        std::mem::discriminant(&reply),
                        std::mem::discriminant(&fallback),
                        "{}",
                        event.name()
                    );
                }
                None => assert_eq!(label, "ok", "{}", event.name()),
            }
        }
    }

    /// The documented sample of `command`, decoded.
    fn documented(command: &str) -> TencentEvent {
        let body = tencent_live_webhook::testing::fixtures::documented(command).unwrap();
        <TencentEvent as tencent_live_webhook::WebhookEvent>::decode(command, body.as_bytes())
            .unwrap()
    }

    #[test]
    fn words_match_in_any_case() {
        let rules = Rules::new(None, &["PACKET".to_owned(), " ".to_owned()], &[]);
        // The documented samples' text is "red packet".
        let verdict = rules.decide(&documented("Group.CallbackBeforeSendMsg"));
        assert!(
            matches!(&verdict, Verdict::Answer { reply, label: "discard", .. } if *reply == Reply::from(MessageDecision::discard())),
            "{verdict:?}"
        );
        let verdict = rules.decide(&documented("C2C.CallbackBeforeSendMsg"));
        assert!(
            matches!(&verdict, Verdict::Answer { reply, label: "reject", .. } if *reply == Reply::from(C2cMessageDecision::reject())),
            "{verdict:?}"
        );
        let verdict = rules.decide(&documented("OfficialAccount.CallbackBeforeSendMsg"));
        assert!(
            matches!(&verdict, Verdict::Answer { reply, label: "discard", .. } if *reply == Reply::from(OfficialMessageDecision::discard())),
            "{verdict:?}"
        );
        let rules = Rules::new(None, &["spam".to_owned()], &[]);
        let verdict = rules.decide(&documented("Group.CallbackBeforeSendMsg"));
        assert!(matches!(verdict, Verdict::Answer { label: "allow", .. }));
    }

    #[test]
    fn fail_names_a_command() {
        let rules = Rules::new(None, &[], &["Live.CallbackAfterEndBattle".to_owned()]);
        assert_eq!(rules.decide(&sample("BattleEnded")), Verdict::Fail);
        assert_ne!(rules.decide(&sample("BattleStarted")), Verdict::Fail);
    }
}
