//! Access from the app's side: invitations (admins name, share and revoke them), the one-time
//! link that opens this member's own membership on another device, and the relay's refusals in
//! the member's language.

mod device;
mod errors;
mod invites;
mod share;
pub mod strings;

pub use device::OtherDevice;
pub use errors::answer_text;
pub use invites::Invites;
