//! Joining a group: `Group.CallbackBeforeApplyJoinGroup` (a user applies),
//! `Group.CallbackBeforeInviteJoinGroup` (users are invited or added) and
//! `Group.CallbackAfterNewMemberJoin` (users joined).

use super::{GroupMember, GroupType};
use crate::{InviteDecision, JoinGroupDecision};

event! {
    /// `Group.CallbackBeforeApplyJoinGroup`: a user applies, from a client,
    /// to join a group; before they are added, or before the admins are
    /// asked when the group needs approval. A before-webhook: answer with a
    /// [`JoinGroupDecision`]; a handler that answers anything else lets the
    /// application go on, as Tencent does when the webhook fails.
    ///
    /// Required: `GroupId`. The applicant is `Requestor_Account` (Tencent's
    /// spelling); the message they typed is not in the body.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, JoinRequested};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackBeforeApplyJoinGroup",
    ///     "GroupId":"@TGS#2J4SZEAEL","Type":"Public","Requestor_Account":"jared",
    ///     "EventTime":"1670574414123"}"#;
    /// let request: JoinRequested = decode_json(JoinRequested::COMMAND, body)?;
    ///
    /// assert_eq!(request.group_id, "@TGS#2J4SZEAEL");
    /// assert_eq!(request.requestor_account.as_deref(), Some("jared"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct JoinRequested = "Group.CallbackBeforeApplyJoinGroup", fallback(JoinGroupDecision::allow()) {
        /// `GroupId`: the group applied to. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: its type.
        pub group_type: Option<GroupType> = "Type",
        /// `Requestor_Account`: the user who applies.
        pub requestor_account: Option<String> = "Requestor_Account",
        /// `EventTime`: when they applied, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `Group.CallbackBeforeInviteJoinGroup`: users are about to be added to
    /// a group, invited by a member or added by an admin through the REST
    /// API. A before-webhook: answer with an [`InviteDecision`], which may
    /// refuse some of them and let the others in; a handler that answers
    /// anything else lets them all in, as Tencent does when the webhook fails.
    ///
    /// Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, InviteRequested};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackBeforeInviteJoinGroup",
    ///     "GroupId":"@TGS#2J4SZEAEL","Type":"Public","Operator_Account":"leckie",
    ///     "DestinationMembers":[{"Member_Account":"jared"},{"Member_Account":"leckie"}],
    ///     "EventTime":"1670574414123"}"#;
    /// let invite: InviteRequested = decode_json(InviteRequested::COMMAND, body)?;
    ///
    /// assert_eq!(invite.operator_account.as_deref(), Some("leckie"));
    /// let invited = invite.destination_members.unwrap();
    /// assert_eq!(invited[0].member_account.as_deref(), Some("jared"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct InviteRequested = "Group.CallbackBeforeInviteJoinGroup", fallback(InviteDecision::allow()) {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: its type.
        pub group_type: Option<GroupType> = "Type",
        /// `Operator_Account`: who invites (or the admin).
        pub operator_account: Option<String> = "Operator_Account",
        /// `DestinationMembers`: the users to be added.
        pub destination_members: Option<Vec<GroupMember>> = "DestinationMembers",
        /// `EventTime`: when they were invited, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `Group.CallbackAfterNewMemberJoin`: users joined a group, by an
    /// approved application, an invitation, or an admin's REST call.
    ///
    /// Required: `GroupId`. Members entering an audio-video group are also
    /// reported by `Group.CallbackOnMemberStateChange`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, JoinType, MembersJoined};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterNewMemberJoin","GroupId":"1001555",
    ///     "JoinType":"Invited","NewMemberList":[{"Member_Account":"161388184"}],
    ///     "Operator_Account":"hxtest-q110","Type":"Public"}"#;
    /// let joined: MembersJoined = decode_json(MembersJoined::COMMAND, body)?;
    ///
    /// assert_eq!(joined.join_type, Some(JoinType::Invited));
    /// assert_eq!(joined.new_members.unwrap()[0].member_account.as_deref(), Some("161388184"));
    /// assert_eq!(joined.event_time_ms, None);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct MembersJoined = "Group.CallbackAfterNewMemberJoin" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: its type.
        pub group_type: Option<GroupType> = "Type",
        /// `JoinType`: how they joined.
        pub join_type: Option<JoinType> = "JoinType",
        /// `Operator_Account`: who acted (the applicant, the inviter, or an
        /// admin).
        pub operator_account: Option<String> = "Operator_Account",
        /// `NewMemberList`: the users who joined.
        pub new_members: Option<Vec<GroupMember>> = "NewMemberList",
        /// `EventTime`: when they joined, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

string_enum! {
    /// [`MembersJoined::join_type`]: how the users joined.
    pub enum JoinType {
        /// `Apply`: their application was accepted.
        Apply = "Apply",
        /// `Invited`: they were invited (or, presumably, added by an admin).
        Invited = "Invited",
    }
}
