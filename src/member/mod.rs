//! The member webhooks: members come and go, the owner changes, admins are
//! added and removed. Each names its room by `RoomId`.

mod admin;
mod owner;
mod state;

pub use self::admin::{AdminOperation, AdminsModified, OperationKey};
pub use self::owner::OwnerChanged;
pub use self::state::{MemberEventCause, MemberStateChanged, Presence, RoomMember};
