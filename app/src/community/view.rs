//! The community's views: the always-visible sync badge, joining notices, the display-name
//! form, the members list with who is online, the co-edited description, the document catalog,
//! and (for admins) invitations.

use leptos::{html, prelude::*};
use sync_core::{ids::DocumentId, refusal::Refusal};
use wasm_bindgen::JsValue;

use super::{
    identity, rename, root,
    session::{self, Joining, Role},
    strings::{use_strings, Strings},
    use_community,
};
use crate::{
    browser::{self, now_ms},
    i18n::{fill, use_language},
    platform::{self, strings::use_strings as use_platform_strings},
    sync::{self, DocHandle, SyncState},
    ui::CollabTextarea,
};

/// The sync badge in the header: saved on this device · syncing (n pending) · synced · offline.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    let state = move || {
        community.root.get()?;
        sync::repo().map(|repo| repo.state())
    };
    move || {
        state().map(|current| {
            let s = strings.get();
            let text = match current {
                SyncState::Offline => s.sync_offline.to_string(),
                SyncState::SavedOnDevice(n) => fill(s.sync_saved, "n", n),
                SyncState::Syncing(n) => fill(s.sync_syncing, "n", n),
                SyncState::Synced => s.sync_synced.to_string(),
                SyncState::NotSaved(n) => fill(s.sync_unsaved, "n", n),
                SyncState::Held(n) => fill(s.sync_held, "n", n),
            };
            view! {
                <p class="sync-badge" role="status" data-state=current.code() aria-label=s.sync_label>
                    <span class="sync-dot" aria-hidden="true"></span>
                    <span class="sync-text">{text}</span>
                </p>
            }
        })
    }
}

/// Where joining stands, when it is not simply "joined": checking, how to join, refused, ended,
/// device-storage trouble, documents held back and a change refused as too large.
#[component]
pub fn JoinNotice() -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    move || {
        let s = strings.get();
        // Set once the engine runs: read it so this re-renders then (the engine is no signal).
        let _engine_up = community.root.get();
        let storage = sync::repo().and_then(|r| r.storage_error());
        let refused = sync::repo().is_some_and(|r| r.refused());
        let notice = match community.joining.get() {
            Joining::Checking => Some(("notice", s.join_checking.to_string())),
            Joining::NotJoined => None,
            Joining::InviteRefused(_) => {
                Some(("notice notice-error", s.invite_refused.to_string()))
            }
            Joining::Ended => Some(("notice notice-error", s.session_ended.to_string())),
            Joining::Joined(_) if refused => {
                Some(("notice notice-error", s.session_ended.to_string()))
            }
            Joining::Joined(_) => storage.map(|error| {
                let said = storage_error_words(&error, s);
                ("notice notice-error", fill(s.storage_failed, "error", said))
            }),
        };
        let held = sync::repo()
            .map(|r| held_notices(&r.refusals(), s))
            .unwrap_or_default();
        let too_large = sync::repo().and_then(|r| r.change_refused()).map(|bytes| {
            sync::text::too_large_message(use_platform_strings().get().change_too_large, bytes)
        });
        let not_joined = matches!(community.joining.get(), Joining::NotJoined | Joining::Ended);
        view! {
            {notice.map(|(class, text)| view! { <p class=class role="status">{text}</p> })}
            {held.into_iter().map(|text| view! {
                <p class="notice notice-error" role="status" data-notice="held">{text}</p>
            }).collect_view()}
            {too_large.map(|text| view! {
                <p class="notice notice-error" role="alert" data-notice="too-large">{text}</p>
            })}
            {not_joined.then(|| view! {
                <section class="join-needed" aria-labelledby="join-needed-title">
                    <h2 id="join-needed-title">{s.join_needed_title}</h2>
                    <p>{s.join_needed_body}</p>
                </section>
            })}
        }
    }
}

/// A device-storage error in words for the member: a full device in their language, anything
/// else as the browser said it, isolated so English inside Hebrew reads in its own direction.
fn storage_error_words(error: &str, s: &Strings) -> String {
    if error.contains("QuotaExceeded") {
        s.storage_full.to_string()
    } else {
        format!("\u{2068}{error}\u{2069}")
    }
}

/// One line per kind of refusal (several documents refused alike say it once).
fn held_notices(refusals: &[Refusal], s: &Strings) -> Vec<String> {
    let mut lines: Vec<String> = refusals
        .iter()
        .map(|refusal| {
            let template = match refusal {
                Refusal::DocumentFull { .. } => s.held_document_full,
                Refusal::CommunityFull { .. } => s.held_community_full,
                Refusal::TooLargeToSend { .. } => s.held_too_large,
            };
            fill(template, "limit", sync::size_label(refusal.limit()))
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// Asks a member without a display name to choose one (shown on the home page).
#[component]
pub fn NamePrompt() -> impl IntoView {
    let community = use_community();
    move || {
        (community.session().is_some() && community.name.get().is_empty())
            .then(|| view! { <NameForm prompt=true /> })
    }
}

/// The display-name form.
#[component]
pub fn NameForm(
    /// True for the home page's prompt (its own element ids).
    #[prop(optional)]
    prompt: bool,
) -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    let input = NodeRef::<html::Input>::new();
    let saved = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(input) = input.get() {
            let value = identity::clean_name(&input.value());
            if value.is_empty() {
                return;
            }
            rename(community, &value);
            input.set_value(&value);
            saved.set(true);
        }
    };
    let id = if prompt { "name-prompt" } else { "name" };
    view! {
        <form class="card name-form" on:submit=submit aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{move || strings.get().name_heading}</h2>
            <p class="hint" id=format!("{id}-hint")>{move || strings.get().name_prompt}</p>
            <label for=format!("{id}-input")>{move || strings.get().name_label}</label>
            <div class="inline-field">
                <input
                    id=format!("{id}-input")
                    node_ref=input
                    type="text"
                    dir="auto"
                    autocomplete="nickname"
                    maxlength=identity::MAX_NAME_CHARS.to_string()
                    aria-describedby=format!("{id}-hint")
                    prop:value=move || community.name.get_untracked()
                    on:input=move |_| saved.set(false)
                />
                <button type="submit" class="button">{move || strings.get().name_save}</button>
            </div>
            <p class="confirmation" role="status">
                {move || saved.get().then(|| strings.get().name_saved)}
            </p>
        </form>
    }
}

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

fn role_name(role: &str, s: &'static Strings) -> &'static str {
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

/// The community's description, co-edited as Automerge text (see [`CollabTextarea`]).
#[component]
pub fn About(root: DocHandle, can_write: bool) -> impl IntoView {
    let strings = use_strings();
    let about = root.watch(&["about"], root::about);
    view! {
        <section class="card" aria-labelledby="about-heading">
            <h2 id="about-heading">{move || strings.get().about_heading}</h2>
            <label for="about-text">{move || strings.get().about_label}</label>
            {(!can_write).then(|| view! { <p class="hint" id="about-read-only">{move || use_platform_strings().get().read_only}</p> })}
            <CollabTextarea
                id="about-text"
                value=about
                rows=5
                read_only=Signal::derive(move || !can_write || !root.is_ready())
                ready=Signal::derive(move || root.is_ready())
                described_by=(!can_write).then_some("about-read-only")
                on_splice=move |splice| root.change(move |tx| root::edit_about(tx, &splice))
            />
        </section>
    }
}

fn kind_name(kind: root::DocKind, s: &'static Strings) -> &'static str {
    match kind {
        root::DocKind::Article => s.kind_article,
        root::DocKind::Tool => s.kind_tool,
        root::DocKind::Practice => s.kind_practice,
        root::DocKind::Case => s.kind_case,
    }
}

fn new_document_id() -> DocumentId {
    DocumentId::from_random_bytes(browser::random_bytes())
}

/// The community's document catalog, and a form to add to it.
#[component]
pub fn Catalog(root: DocHandle, can_write: bool) -> impl IntoView {
    let strings = use_strings();
    let catalog = root.watch(&["catalog"], root::catalog);
    let title = NodeRef::<html::Input>::new();
    let kind = NodeRef::<html::Select>::new();
    let error = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(title_input), Some(kind_select)) = (title.get(), kind.get()) else {
            return;
        };
        let typed = title_input.value();
        if typed.trim().is_empty() {
            error.set(true);
            let _ = title_input.focus();
            return;
        }
        error.set(false);
        let chosen = root::DocKind::parse(&kind_select.value()).unwrap_or(root::DocKind::Article);
        let id = new_document_id().to_string();
        let me = identity::identity().id;
        root.change(move |tx| {
            let _ = root::add_to_catalog(tx, &id, chosen, &typed, &me, now_ms());
        });
        title_input.set_value("");
    };
    view! {
        <section class="card" aria-labelledby="catalog-heading">
            <h2 id="catalog-heading">{move || strings.get().catalog_heading}</h2>
            {move || {
                let s = strings.get();
                let entries = catalog.get();
                if entries.is_empty() {
                    return view! { <p class="empty-state">{s.catalog_empty}</p> }.into_any();
                }
                view! {
                    <ul class="catalog-list">
                        {entries.into_iter().map(|entry| view! {
                            <li class="catalog-entry">
                                <span class="catalog-title" dir="auto">{entry.title}</span>
                                <span class="catalog-kind">{kind_name(entry.kind, s)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {can_write.then(|| view! {
                <form class="catalog-form" on:submit=submit>
                    <label for="catalog-title">{move || strings.get().catalog_title_label}</label>
                    <input
                        id="catalog-title"
                        node_ref=title
                        type="text"
                        dir="auto"
                        maxlength=root::MAX_TITLE_CHARS.to_string()
                        aria-invalid=move || error.get().to_string()
                        aria-describedby="catalog-error"
                    />
                    <label for="catalog-kind">{move || strings.get().catalog_kind_label}</label>
                    <select id="catalog-kind" node_ref=kind>
                        {move || {
                            let s = strings.get();
                            root::DocKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str()>{kind_name(k, s)}</option>
                            }).collect_view()
                        }}
                    </select>
                    <p class="field-error" id="catalog-error" role="alert">
                        {move || error.get().then(|| strings.get().catalog_no_title)}
                    </p>
                    <button type="submit" class="button">{move || strings.get().catalog_add}</button>
                </form>
            })}
        </section>
    }
}

/// One invitation, as the relay lists it.
#[derive(Debug, Clone, PartialEq)]
struct InviteRow {
    id: String,
    role: String,
    expires: f64,
    revoked: bool,
}

fn read_invites(json: &JsValue) -> Vec<InviteRow> {
    let Ok(list) = json.clone().dyn_into_array() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|item| {
            let get = |key: &str| js_sys::Reflect::get(&item, &key.into()).ok();
            Some(InviteRow {
                id: get("id")?.as_string()?,
                role: get("role")?.as_string()?,
                expires: get("expires")?.as_f64()?,
                revoked: get("revoked").and_then(|v| v.as_bool()).unwrap_or(false),
            })
        })
        .collect()
}

trait IntoArray {
    fn dyn_into_array(self) -> Result<js_sys::Array, JsValue>;
}

impl IntoArray for JsValue {
    fn dyn_into_array(self) -> Result<js_sys::Array, JsValue> {
        use wasm_bindgen::JsCast;
        self.dyn_into::<js_sys::Array>()
    }
}

fn error_text(json: &JsValue, status: u16) -> String {
    js_sys::Reflect::get(json, &"error".into())
        .ok()
        .and_then(|e| e.as_string())
        .unwrap_or_else(|| format!("HTTP {status}"))
}

/// Invitation links (admins): create with a role and expiry, copy or share, revoke.
#[component]
pub fn Invites() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let invites = RwSignal::new(Vec::<InviteRow>::new());
    let link = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let role = NodeRef::<html::Select>::new();
    let expiry = NodeRef::<html::Select>::new();
    let reload = move || {
        leptos::task::spawn_local(async move {
            match session::call("GET", "/api/invites", None).await {
                Ok((200, json)) => invites.set(read_invites(&json)),
                Ok((status, json)) => failure.set(Some(error_text(&json, status))),
                Err(_) => failure.set(Some(strings.get_untracked().invite_offline.to_string())),
            }
        });
    };
    reload();
    let create = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen_role = role
            .get()
            .map(|r| r.value())
            .unwrap_or_else(|| "member".into());
        let hours: f64 = expiry
            .get()
            .and_then(|e| e.value().parse().ok())
            .unwrap_or(168.0);
        copied.set(false);
        leptos::task::spawn_local(async move {
            let body = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&body, &"role".into(), &chosen_role.into());
            let _ = js_sys::Reflect::set(&body, &"expiresInHours".into(), &hours.into());
            match session::call("POST", "/api/invites", Some(&body)).await {
                Ok((200, json)) => {
                    let token = js_sys::Reflect::get(&json, &"token".into())
                        .ok()
                        .and_then(|t| t.as_string())
                        .unwrap_or_default();
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    link.set(Some(format!("{origin}/#invite={token}")));
                    failure.set(None);
                    reload();
                }
                Ok((status, json)) => failure.set(Some(error_text(&json, status))),
                Err(_) => failure.set(Some(strings.get_untracked().invite_offline.to_string())),
            }
        });
    };
    let revoke = move |id: String| {
        leptos::task::spawn_local(async move {
            match session::call("DELETE", &format!("/api/invites/{id}"), None).await {
                Ok((204, _)) => reload(),
                Ok((status, json)) => failure.set(Some(error_text(&json, status))),
                Err(_) => failure.set(Some(strings.get_untracked().invite_offline.to_string())),
            }
        });
    };
    let copy = move |_| {
        if let Some(text) = link.get_untracked() {
            browser::copy_to_clipboard(&text);
            copied.set(true);
        }
    };
    view! {
        <section class="card" aria-labelledby="invites-heading">
            <h2 id="invites-heading">{move || strings.get().invites_heading}</h2>
            <p class="hint">{move || strings.get().invites_hint}</p>
            <form class="invite-form" on:submit=create>
                <label for="invite-role">{move || strings.get().invite_role_label}</label>
                <select id="invite-role" node_ref=role>
                    {move || {
                        let s = strings.get();
                        [("member", s.role_member), ("viewer", s.role_viewer), ("admin", s.role_admin)]
                            .into_iter()
                            .map(|(value, label)| view! { <option value=value>{label}</option> })
                            .collect_view()
                    }}
                </select>
                <label for="invite-expiry">{move || strings.get().invite_expiry_label}</label>
                <select id="invite-expiry" node_ref=expiry>
                    {move || {
                        let s = strings.get();
                        [("24", s.expiry_day), ("168", s.expiry_week), ("720", s.expiry_month)]
                            .into_iter()
                            .map(|(value, label)| view! { <option value=value selected=value == "168">{label}</option> })
                            .collect_view()
                    }}
                </select>
                <button type="submit" class="button">{move || strings.get().invite_create}</button>
            </form>
            <p class="field-error" role="alert">
                {move || failure.get().map(|e| fill(strings.get().invite_failed, "error", e))}
            </p>
            {move || link.get().map(|url| {
                let s = strings.get();
                let message = format!("{} {url}", s.invite_message);
                let share = browser::whatsapp_share_url(&message);
                view! {
                    <div class="invite-link">
                        <label for="invite-link">{s.invite_link_label}</label>
                        <input id="invite-link" type="text" readonly dir="ltr" prop:value=url.clone() />
                        <div class="actions">
                            <button type="button" class="button" on:click=copy>{s.invite_copy}</button>
                            <a class="button" href=share target="_blank" rel="noopener noreferrer">{s.invite_whatsapp}</a>
                        </div>
                        <p class="confirmation" role="status">{move || copied.get().then(|| strings.get().invite_copied)}</p>
                    </div>
                }
            })}
            <h3>{move || strings.get().invites_active}</h3>
            {move || {
                let s = strings.get();
                let rows = invites.get();
                if rows.is_empty() {
                    return view! { <p class="empty-state">{s.invites_none}</p> }.into_any();
                }
                let code = lang.get().code();
                view! {
                    <ul class="invite-list">
                        {rows.into_iter().map(|row| {
                            let until = browser::locale_date((row.expires * 1000.0) as i64, code);
                            let id = row.id.clone();
                            view! {
                                <li class="invite" data-invite=row.id.clone() data-revoked=row.revoked.to_string()>
                                    <span class="member-role">{role_name(&row.role, s)}</span>
                                    <span>{fill(s.invite_until, "date", until)}</span>
                                    {if row.revoked {
                                        view! { <span class="invite-revoked">{s.invite_revoked}</span> }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" class="button button-quiet" on:click=move |_| revoke(id.clone())>
                                                {s.invite_revoke}
                                            </button>
                                        }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

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
            <Members root=root />
            <About root=root can_write=can_write />
            <Catalog root=root can_write=can_write />
            {admin.then(|| view! { <Invites /> })}
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::strings::{EN, HE};

    #[test]
    fn refusals_read_once_per_kind_with_their_limit() {
        let a = DocumentId::from_random_bytes([1; 16]);
        let b = DocumentId::from_random_bytes([2; 16]);
        let full = |document| Refusal::DocumentFull {
            document,
            limit: 16 * 1024 * 1024,
        };
        let lines = held_notices(
            &[full(a), full(b), Refusal::TooLargeToSend { document: a }],
            &EN,
        );
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("size limit (16 MB)")));
        assert!(lines
            .iter()
            .any(|l| l.contains("too large to send") && l.contains("8 MB")));
        let hebrew = held_notices(&[full(a)], &HE);
        assert!(hebrew[0].contains("16 MB") && hebrew[0].contains("מגבלת הגודל"));
    }

    #[test]
    fn a_full_device_is_said_in_the_members_language() {
        let quota = "device storage: QuotaExceededError: the quota has been exceeded";
        assert_eq!(storage_error_words(quota, &HE), HE.storage_full);
        assert_eq!(storage_error_words(quota, &EN), EN.storage_full);
        let other = storage_error_words("UnknownError: disk", &HE);
        assert_eq!(
            other, "\u{2068}UnknownError: disk\u{2069}",
            "isolated for RTL"
        );
    }
}
