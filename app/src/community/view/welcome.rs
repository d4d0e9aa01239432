//! The first minute, and every visit home after it: a welcome that names the member, the
//! community and what the member's role lets them do, and points to what there is to do next.

use leptos::prelude::*;
use sync_core::roles::Role;

use crate::{
    community::{strings::use_strings, use_community},
    i18n::{fill, isolate},
};

/// Where each role's next steps lead: (path, link text). Pure, so the choice is tested natively.
pub fn next_steps(
    role: Role,
    s: &crate::community::strings::Strings,
) -> Vec<(&'static str, &'static str)> {
    let mut steps = vec![("/glossary", s.welcome_glossary)];
    if role == Role::Admin {
        steps.push(("/glossary/transfer", s.welcome_starter));
        steps.push(("/community", s.welcome_invite));
    }
    steps
}

/// The welcome card on the home page, once the member has a name.
#[component]
pub fn Welcome() -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    move || {
        let session = community.session()?;
        let name = community.name.get();
        if name.is_empty() {
            return None;
        }
        let s = strings.get();
        let role_line = match session.role {
            Role::Admin => s.welcome_admin,
            Role::Member => s.welcome_member,
            Role::Viewer => s.welcome_viewer,
        };
        Some(view! {
            <section class="card welcome" aria-labelledby="welcome-heading">
                <h2 id="welcome-heading" tabindex="-1">{fill(s.welcome_heading, "name", isolate(&name))}</h2>
                <p>{fill(role_line, "community", isolate(&session.community_name))}</p>
                <h3>{s.welcome_next}</h3>
                <ul class="welcome-steps">
                    {next_steps(session.role, s).into_iter().map(|(href, text)| view! {
                        <li><a class="button button-quiet" href=href>{text}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::strings::EN;

    #[test]
    fn everyone_is_pointed_to_the_glossary_and_admins_also_to_starting_it_and_inviting() {
        let paths = |role| {
            next_steps(role, &EN)
                .into_iter()
                .map(|(p, _)| p)
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(Role::Viewer), vec!["/glossary"]);
        assert_eq!(paths(Role::Member), vec!["/glossary"]);
        assert_eq!(
            paths(Role::Admin),
            vec!["/glossary", "/glossary/transfer", "/community"]
        );
    }
}
