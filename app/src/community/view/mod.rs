//! The community's views: the always-visible sync badge, joining notices, the display-name
//! form, the members list with who is online, the co-edited description, the document catalog;
//! and from [`super::access`] the link for another device and (for admins) invitations.

mod documents;
mod members;
mod name;
mod status;
mod welcome;

use leptos::prelude::*;

pub use documents::{About, Catalog};
pub use members::{role_name, Members};
pub use name::{NameForm, NamePrompt};
pub use status::{CaughtUpNotice, JoinNotice, SyncBadge};
pub use welcome::Welcome;

use super::{
    access::{Invites, OtherDevice},
    session::Role,
    strings::use_strings,
    use_community,
};
use crate::i18n::fill;

/// The joined part of the community page: name, members, about, catalog, and invitations for
/// admins. Nothing while the device is not in a community.
#[component]
pub fn CommunityPanels() -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    move || {
        let session = community.session()?;
        let root = community.root.get()?;
        let can_write = session.role.can_write();
        let admin = session.role == Role::Admin;
        Some(view! {
            <p class="lead" dir="auto">{move || fill(strings.get().community_of, "name", &session.community_name)}</p>
            <NameForm />
            <OtherDevice />
            <Members root=root />
            <About root=root can_write=can_write />
            <Catalog root=root can_write=can_write />
            {admin.then(|| view! { <Invites /> })}
        })
    }
}
