//! The member webhooks: members come and go, the owner changes, admins are
//! added and removed.

mod admin;
mod owner;
mod state;

pub use self::admin::AdminsModified;
pub use self::owner::OwnerChanged;
pub use self::state::MemberStateChanged;
