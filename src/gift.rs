//! `Live.CallbackBeforeSendGift`: a viewer is about to send a gift, and the
//! app decides whether it goes through.

use std::time::SystemTime;

use serde::{Deserialize, Deserializer, Serialize};

use crate::battle::{unix_millis, unix_seconds};
use crate::lenient;
use crate::reply::GiftDecision;

/// `Live.CallbackBeforeSendGift`: a gift is about to be sent in a live room.
/// A before-webhook: answer with a [`GiftDecision`]. A handler that answers
/// anything else rejects the gift, as Tencent does when the webhook fails
/// (unless `Live.CallbackBeforeCallBackNotBlock` is switched on in Tencent's
/// console).
///
/// Decoding is lenient, because Tencent does not retry: unknown fields are
/// ignored; accounts may be JSON strings or numbers and keep every digit;
/// integers may be numeric strings; `null` reads as absent. A body without a
/// `RoomId`, without a `GiftWater` object, or whose `GiftWater` has no
/// `From_Account`, is refused. Any other member the body does not have is
/// `None`, and is not written when the event is serialised; the accessors of
/// the same name ([`GiftWater::count`], ...) read it with the old defaults.
///
/// ```
/// use tencent_live_webhook::{decode_json, GiftSending};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackBeforeSendGift",
///     "Operator_Account":144115233775727695,"RoomId":"pk-3",
///     "GiftWater":{"From_Account":144115233775727695,"To_Account":[144115245353757792],
///     "Time":1739956090,"GiftId":"rocket","Count":"3","Coins":500}}"#;
/// let gift: GiftSending = decode_json(GiftSending::COMMAND, body)?;
///
/// assert_eq!(gift.gift_water.from_account, "144115233775727695");
/// assert_eq!(gift.gift_water.to_accounts(), ["144115245353757792"]);
/// assert_eq!(gift.gift_water.count, Some(3));
/// assert_eq!(gift.gift_water.total_coins(), Some(1500));
/// assert_eq!(gift.event_time_ms, None);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackBeforeSendGift")]
#[non_exhaustive]
pub struct GiftSending {
    /// `Operator_Account`: who made the request.
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
    /// `GiftWater`: the gift ("water" is Tencent's word for a transaction
    /// record). Required: an object with a `From_Account`.
    #[serde(rename = "GiftWater", deserialize_with = "required_object")]
    pub gift_water: GiftWater,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**. Not
    /// in Tencent's sample; read when present.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(
    GiftSending = "Live.CallbackBeforeSendGift",
    fallback = GiftDecision::reject()
);

impl GiftSending {
    /// Who made the request (`Operator_Account`); `""` when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// When Tencent fired the event, when the body says.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

/// An object that carries an identity field: `null` is refused, like absence.
fn required_object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    lenient::Object::deserialize(deserializer).map(|object| object.0)
}

/// `GiftWater`: the gift being sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GiftWater {
    /// `From_Account`: the sender. Required.
    #[serde(rename = "From_Account", deserialize_with = "lenient::id")]
    pub from_account: String,
    /// `To_Account`: the recipients.
    #[serde(
        rename = "To_Account",
        default,
        deserialize_with = "lenient::option_accounts",
        skip_serializing_if = "Option::is_none"
    )]
    pub to_accounts: Option<Vec<String>>,
    /// `Time`: when the gift is sent, Unix **seconds**.
    #[serde(
        rename = "Time",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub time: Option<u64>,
    /// `GiftId`: the gift's id in the app's catalogue.
    #[serde(
        rename = "GiftId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub gift_id: Option<String>,
    /// `Count`: how many of the gift are sent.
    #[serde(
        rename = "Count",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<u64>,
    /// `Coins`: the value of **one** gift; the whole sending is worth
    /// `Count` × `Coins` ([`total_coins`](Self::total_coins)).
    #[serde(
        rename = "Coins",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub coins: Option<u64>,
}

impl GiftWater {
    /// The recipients (`To_Account`); empty when the body has none.
    pub fn to_accounts(&self) -> &[String] {
        self.to_accounts.as_deref().unwrap_or_default()
    }

    /// When the gift is sent (`Time`), Unix seconds; `0` when the body has
    /// none.
    pub fn time(&self) -> u64 {
        self.time.unwrap_or(0)
    }

    /// The gift's id (`GiftId`); `""` when the body has none.
    pub fn gift_id(&self) -> &str {
        self.gift_id.as_deref().unwrap_or_default()
    }

    /// How many of the gift are sent (`Count`); `0` when the body has none.
    pub fn count(&self) -> u64 {
        self.count.unwrap_or(0)
    }

    /// The value of one gift (`Coins`); `0` when the body has none.
    pub fn coins(&self) -> u64 {
        self.coins.unwrap_or(0)
    }

    /// What the whole sending is worth: `Count` × `Coins`, each `0` when the
    /// body has none (as in 0.2). `None` when the product does not fit a
    /// `u64`: no real gift costs that much, so reject it.
    pub fn total_coins(&self) -> Option<u64> {
        self.count().checked_mul(self.coins())
    }

    /// When the gift is sent; `None` when the body has no `Time`, or the time
    /// is past what `SystemTime` holds.
    pub fn sent_at(&self) -> Option<SystemTime> {
        self.time.and_then(unix_seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use std::time::{Duration, UNIX_EPOCH};

    const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"brennanli","RoomId":"room_id","GiftWater":{"From_Account":"from","To_Account":["to1"],"Time":1703589922,"GiftId":"gift1","Count":1,"Coins":1000}}"#;

    fn decode(body: &str) -> Result<GiftSending, Rejection> {
        decode_json(GiftSending::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let gift = decode(SAMPLE).unwrap();
        assert_eq!(
            gift,
            GiftSending {
                operator_account: Some("brennanli".into()),
                room_id: "room_id".into(),
                gift_water: GiftWater {
                    from_account: "from".into(),
                    to_accounts: Some(vec!["to1".into()]),
                    time: Some(1703589922),
                    gift_id: Some("gift1".into()),
                    count: Some(1),
                    coins: Some(1000),
                },
                event_time_ms: None,
            }
        );
        assert_eq!(gift.gift_water.total_coins(), Some(1000));
        assert_eq!(
            gift.gift_water
                .sent_at()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap(),
            Duration::from_secs(1703589922)
        );
        assert_eq!(gift.event_time(), None);
    }

    #[test]
    fn serialises_to_tencent_names_and_back() {
        let mut gift = decode(SAMPLE).unwrap();
        let json = serde_json::to_value(&gift).unwrap();
        assert_eq!(json["CallbackCommand"], "Live.CallbackBeforeSendGift");
        assert_eq!(json["GiftWater"]["From_Account"], "from");
        assert_eq!(json["GiftWater"]["To_Account"][0], "to1");
        assert!(json.get("EventTime").is_none(), "{json}");
        assert_eq!(decode(&json.to_string()).unwrap(), gift);
        gift.event_time_ms = Some(1703589922120);
        let json = serde_json::to_value(&gift).unwrap();
        assert_eq!(json["EventTime"], 1703589922120_u64);
        assert_eq!(decode(&json.to_string()).unwrap(), gift);
    }

    #[test]
    fn total_coins_is_none_on_overflow() {
        let mut water = GiftWater {
            from_account: "v".into(),
            count: Some(3),
            coins: Some(500),
            ..GiftWater::default()
        };
        assert_eq!(water.total_coins(), Some(1500));
        water.count = Some(u64::MAX);
        water.coins = Some(2);
        assert_eq!(water.total_coins(), None);
        water.coins = Some(1);
        assert_eq!(water.total_coins(), Some(u64::MAX));
        water.coins = Some(0);
        assert_eq!(water.total_coins(), Some(0));
        water.coins = None;
        assert_eq!(water.total_coins(), Some(0));
        water.count = Some(1 << 32);
        water.coins = Some(1 << 32);
        assert_eq!(water.total_coins(), None);
    }

    #[test]
    fn lenient_where_the_meaning_is_clear() {
        let gift = decode(
            r#"{"RoomId":"r","GiftWater":{"From_Account":9007199254740993,"To_Account":null,
                "Count":"2","Coins":"18446744073709551615","Time":null,"GiftId":7},"EventTime":"1703589922120"}"#,
        )
        .unwrap();
        assert_eq!(gift.gift_water.from_account, "9007199254740993");
        assert_eq!(gift.gift_water.to_accounts, None);
        assert!(gift.gift_water.to_accounts().is_empty());
        assert_eq!(gift.gift_water.count, Some(2));
        assert_eq!(gift.gift_water.coins, Some(u64::MAX));
        assert_eq!(gift.gift_water.total_coins(), None);
        assert_eq!(gift.gift_water.gift_id(), "7");
        assert_eq!(gift.gift_water.time, None);
        assert_eq!(gift.gift_water.sent_at(), None);
        assert_eq!(gift.event_time_ms, Some(1703589922120));
    }

    #[test]
    fn absent_members_stay_absent() {
        let body = r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","RoomId":"r","GiftWater":{"From_Account":"v"}}"#;
        let gift = decode(body).unwrap();
        assert_eq!(gift.operator_account, None);
        assert_eq!(gift.operator_account(), "");
        assert_eq!(gift.gift_water.time(), 0);
        assert_eq!(gift.gift_water.count(), 0);
        assert_eq!(gift.gift_water.coins(), 0);
        assert_eq!(gift.gift_water.gift_id(), "");
        assert_eq!(serde_json::to_string(&gift).unwrap(), body);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for (body, names) in [
            (r#"{"GiftWater":{"From_Account":"v"}}"#, "RoomId"),
            (r#"{"RoomId":"r"}"#, "GiftWater"),
            (r#"{"RoomId":"r","GiftWater":null}"#, "`GiftWater`"),
            (
                r#"{"RoomId":"r","GiftWater":["v",["o"],1,"g",1,1]}"#,
                "`GiftWater`",
            ),
            (r#"{"RoomId":"r","GiftWater":{}}"#, "From_Account"),
            (
                r#"{"RoomId":"r","GiftWater":{"From_Account":""}}"#,
                "`GiftWater.From_Account`",
            ),
            (
                r#"{"RoomId":"r","GiftWater":{"From_Account":"v","Count":-1}}"#,
                "`GiftWater.Count`",
            ),
            (
                r#"{"RoomId":"r","GiftWater":{"From_Account":"v","Coins":1.5}}"#,
                "`GiftWater.Coins`",
            ),
            (
                r#"{"RoomId":"r","GiftWater":{"From_Account":"v","To_Account":"o"}}"#,
                "`GiftWater.To_Account`",
            ),
            (
                r#"{"RoomId":"r","GiftWater":{"From_Account":"v","From_Account":"w"}}"#,
                "From_Account",
            ),
        ] {
            let rejection = decode(body).expect_err(body);
            assert_eq!(rejection.error_code(), 3005, "{body}: {rejection}");
            assert!(rejection.to_string().contains(names), "{body}: {rejection}");
        }
    }
}
