//! The members list, with who is online now and on which page.

use leptos::prelude::*;

use crate::community::{
    identity, root,
    session::Role,
    strings::{use_strings, Strings},
    use_community,
};
use crate::{
    i18n::{fill, use_language},
    platform::{self, strings::use_strings as use_platform_strings},
    sync::{self, DocHandle},
};

/// The name of the page at `path`, for "on Glossary": the feature's navigation label, or home.
fn page_name(path: &str, lang: crate::i18n::Lang) -> &'static str {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    platform::registry()
        .find(first)
        .and_then(|feature| feature.nav.as_ref())
        .map_or(platform::strings::of(lang).nav_home, |nav| {
            (nav.label)(lang)
        })
}

pub fn role_name(role: &str, s: &'static Strings) -> &'static str {
    match Role::parse(role) {
        Some(Role::Viewer) => s.role_viewer,
        Some(Role::Admin) => s.role_admin,
        _ => s.role_member,
    }
}

/// The members, with who is online now and where.
#[component]
pub fn Members(root: DocHandle) -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    let members = root.watch(&["members"], root::members);
    let me = identity::identity().id;
    view! {
        <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">{move || strings.get().members_heading}</h2>
            {move || {
                let s = strings.get();
                let online = sync::repo().map(|r| r.online()).unwrap_or_default();
                let my_name = community.name.get();
                let mut list = members.get();
                // Someone online who is not in the list yet (a viewer, or a change still on its way).
                for presence in &online {
                    if !list.iter().any(|m| m.id == presence.member) {
                        list.push(root::Member {
                            id: presence.member.clone(),
                            name: presence.name.clone(),
                            role: String::new(),
                            joined: 0,
                        });
                    }
                }
                if !list.iter().any(|m| m.id == me) && community.session().is_some() {
                    list.push(root::Member {
                        id: me.clone(),
                        name: my_name.clone(),
                        role: community.session().map(|x| x.role.as_str().to_string()).unwrap_or_default(),
                        joined: 0,
                    });
                }
                if list.is_empty() {
                    return view! { <p class="empty-state">{s.members_empty}</p> }.into_any();
                }
                view! {
                    <ul class="member-list">
                        {list.into_iter().map(|member| {
                            let is_me = member.id == me;
                            let presence = online.iter().find(|p| p.member == member.id).cloned();
                            let here = is_me || presence.is_some();
                            let name = if is_me && !my_name.is_empty() {
                                my_name.clone()
                            } else if let Some(p) = presence.as_ref().filter(|p| !p.name.is_empty()) {
                                p.name.clone()
                            } else if member.name.is_empty() {
                                use_platform_strings().get().member_unnamed.to_string()
                            } else {
                                member.name.clone()
                            };
                            let status = match (&presence, is_me) {
                                (Some(p), false) => format!("{} · {}", s.member_online, fill(s.member_viewing, "page", page_name(&p.viewing, use_language().get()))),
                                (_, true) => s.member_online.to_string(),
                                _ => String::new(),
                            };
                            view! {
                                <li class="member" data-online=here.to_string() data-member=member.id.clone()>
                                    <span class="presence-dot" aria-hidden="true"></span>
                                    <span class="member-name" dir="auto">{name}</span>
                                    {is_me.then(|| view! { <span class="member-you">{s.member_you}</span> })}
                                    <span class="member-role">{role_name(&member.role, s)}</span>
                                    {(!status.is_empty()).then(|| view! { <span class="member-status">{status}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
