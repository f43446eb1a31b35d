//! `Alert.RequestOverLimit`: a server API is called close to its rate limit.
//! Tencent sends it as soon as a Chat callback URL is set; it has no switch.

event! {
    /// `Alert.RequestOverLimit`: calls to one of Tencent Chat's server APIs
    /// passed 80 % of its rate limit.
    ///
    /// The body names the API (`ServiceName` and `Command`) and two rates in
    /// requests per second; it has no `EventTime` and no id, so two alerts
    /// about the same API cannot be told apart. Nothing is required: an alert
    /// is read whatever it holds.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, RequestRateAlert};
    ///
    /// let body = br#"{"CallbackCommand":"Alert.RequestOverLimit","ServiceName":"openim",
    ///     "Command":"batchsendmsg","Request":510,"Limit":200}"#;
    /// let alert: RequestRateAlert = decode_json(RequestRateAlert::COMMAND, body)?;
    ///
    /// assert_eq!(alert.command.as_deref(), Some("batchsendmsg"));
    /// assert_eq!((alert.request, alert.limit), (Some(510), Some(200)));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct RequestRateAlert = "Alert.RequestOverLimit" {
        /// `ServiceName`: the service the API belongs to (`openim`).
        pub service_name: Option<String> = "ServiceName",
        /// `Command`: the API's command word (`batchsendmsg`); with
        /// `ServiceName`, it names the server API.
        pub command: Option<String> = "Command",
        /// `Request`: the rate the API is called at, requests per second.
        pub request: Option<u64> = "Request",
        /// `Limit`: the API's rate limit, requests per second.
        pub limit: Option<u64> = "Limit",
    }
}
