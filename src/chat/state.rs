//! `State.StateChange`: a user went online or offline, or set a custom status.

use std::time::SystemTime;

use crate::battle::unix_millis;

event! {
    /// `State.StateChange`: a user logged in, logged out, lost the connection
    /// (or missed heartbeats for 400 s), or set a custom status.
    ///
    /// Required: `Info` and its `To_Account`, the user whose state changed.
    /// Since Tencent's SDK 5.6.1200 (Web 2.14.0), a user kicked off by a
    /// login elsewhere is reported only by the new device's `Login`, with the
    /// kicked devices in `KickedDevice`. The query's `OptPlatform` for this
    /// command is spelled `IOS`, which [`Platform`](crate::Platform) reads
    /// as iOS.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, StateAction, StateChanged};
    ///
    /// let body = br#"{"CallbackCommand":"State.StateChange","EventTime":1629883332497,
    ///     "Info":{"Action":"Login","To_Account":"testuser316","Reason":"Register"},
    ///     "KickedDevice":[{"Platform":"Windows"},{"Platform":"Android"}]}"#;
    /// let changed: StateChanged = decode_json(StateChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.info.to_account, "testuser316");
    /// assert_eq!(changed.info.action, Some(StateAction::Login));
    /// assert_eq!(changed.kicked_devices.unwrap().len(), 2);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct StateChanged = "State.StateChange" {
        /// `Info`: whose state changed, and how. Required.
        pub info: StateInfo = required "Info",
        /// `CustomStatus`: the user's new custom status, on a custom-status
        /// change.
        pub custom_status: Option<String> = "CustomStatus",
        /// `KickedDevice`: the devices a login pushed off, on a `Login`.
        pub kicked_devices: Option<Vec<KickedDevice>> = "KickedDevice",
        /// `EventTime`: when the state changed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl StateChanged {
    /// When the state changed; `None` when the body has no `EventTime` or it
    /// is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

object! {
    /// [`StateChanged::info`]: the user and the change.
    #[derive(Default, Eq, Hash)]
    pub struct StateInfo {
        /// `To_Account`: the user whose state changed. Required.
        pub to_account: String = required "To_Account",
        /// `Action`: `Login`, `Logout`, `Disconnect`, or a custom-status
        /// change.
        pub action: Option<StateAction> = "Action",
        /// `Reason`: why, such as `Register`, `Unregister`, `LinkClose`,
        /// `TimeOut` or `SetCustomStatus`.
        pub reason: Option<StateReason> = "Reason",
    }
}

object! {
    /// One element of [`StateChanged::kicked_devices`].
    #[derive(Default, Eq, Hash)]
    pub struct KickedDevice {
        /// `Platform`: the kicked device's platform (`Windows`, `Android`,
        /// `iOS`, `Web`, ...), as sent.
        pub platform: Option<String> = "Platform",
    }
}

string_enum! {
    /// [`StateInfo::action`]: what happened to the user's connection.
    pub enum StateAction {
        /// `Login`: connected (or reconnected).
        Login = "Login",
        /// `Logout`: logged out.
        Logout = "Logout",
        /// `Disconnect`: the connection was lost, or heartbeats stopped.
        Disconnect = "Disconnect",
        /// `CustomStatusChange`: the user set a custom status (the name
        /// Tencent's table gives; its samples show none).
        CustomStatusChange = "CustomStatusChange",
    }
}

string_enum! {
    /// [`StateInfo::reason`]: why the state changed.
    pub enum StateReason {
        /// `Register`: with `Login`, a connection or reconnection.
        Register = "Register",
        /// `Unregister`: with `Logout`.
        Unregister = "Unregister",
        /// `LinkClose`: with `Disconnect`, the connection closed.
        LinkClose = "LinkClose",
        /// `TimeOut`: with `Disconnect`, no heartbeat for 400 s.
        TimeOut = "TimeOut",
        /// `SetCustomStatus`: a custom-status change.
        SetCustomStatus = "SetCustomStatus",
    }
}
