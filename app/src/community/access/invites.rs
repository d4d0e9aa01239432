//! Invitation links (admins): create with a name, a role and an expiry, copy or share, revoke
//! (after a confirmation that says so when it is the invitation this device joined with). Each
//! outcome is said in a live region that is on the page before it speaks.

use leptos::{html, prelude::*};
use wasm_bindgen::{JsCast, JsValue};

use super::{errors::answer_text, share::LinkToShare, strings::use_strings};
use crate::community::{
    session, strings::use_strings as use_community_strings, use_community, view::role_name,
};
use crate::{
    browser,
    i18n::{fill, isolate, use_language},
};

/// An invitation for one meeting's day.
pub const INVITE_DAY_HOURS: u32 = 24;
/// The expiry offered first: a week. Why: long enough for a link shared in a group chat to be
/// opened by those who read it days later, short enough that a forwarded link soon stops working.
pub const DEFAULT_INVITE_HOURS: u32 = 7 * 24;
/// The longest expiry offered: 30 days (the relay accepts up to 90).
pub const INVITE_MONTH_HOURS: u32 = 30 * 24;
/// Longest invitation name the field takes (the relay's `MAX_INVITE_LABEL_CHARS`).
pub const MAX_LABEL_CHARS: u32 = 80;

/// One invitation, as the relay lists it.
#[derive(Debug, Clone, PartialEq)]
struct InviteRow {
    id: String,
    role: String,
    expires: f64,
    revoked: bool,
    label: String,
}

fn read_invites(json: &JsValue) -> Vec<InviteRow> {
    let Ok(list) = json.clone().dyn_into::<js_sys::Array>() else {
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
                label: get("label").and_then(|v| v.as_string()).unwrap_or_default(),
            })
        })
        .collect()
}

/// Invitation links (admins): create, copy or share, revoke.
#[component]
pub fn Invites() -> impl IntoView {
    let strings = use_strings();
    let names = use_community_strings();
    let lang = use_language();
    let community = use_community();
    let invites = RwSignal::new(Vec::<InviteRow>::new());
    let link = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    // What the last action did, for the live region.
    let said = RwSignal::new(String::new());
    // The invitation whose revoke is being confirmed.
    let confirming = RwSignal::new(None::<String>);
    let role = NodeRef::<html::Select>::new();
    let expiry = NodeRef::<html::Select>::new();
    let label = NodeRef::<html::Input>::new();
    // This device's own invitation (as the relay lists it).
    let mine = move || community.session().map(|s| s.invite).unwrap_or_default();
    let offline = move || strings.get_untracked().invite_offline.to_string();
    let name_of = move |row: &InviteRow| {
        if row.label.is_empty() {
            let role = role_name(&row.role, names.get_untracked());
            fill(strings.get_untracked().invite_unnamed, "role", role)
        } else {
            row.label.clone()
        }
    };
    let reload = move || {
        leptos::task::spawn_local(async move {
            match session::call("GET", "/api/invites", None).await {
                Ok((200, json)) => invites.set(read_invites(&json)),
                Ok((status, json)) => {
                    failure.set(Some(answer_text(status, &json, strings.get_untracked())))
                }
                Err(_) => failure.set(Some(offline())),
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
            .unwrap_or(f64::from(DEFAULT_INVITE_HOURS));
        let typed = label.get().map(|l| l.value()).unwrap_or_default();
        said.set(String::new());
        leptos::task::spawn_local(async move {
            let body = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&body, &"role".into(), &chosen_role.clone().into());
            let _ = js_sys::Reflect::set(&body, &"expiresInHours".into(), &hours.into());
            let _ = js_sys::Reflect::set(&body, &"label".into(), &typed.into());
            match session::call("POST", "/api/invites", Some(&body)).await {
                Ok((200, json)) => {
                    let get = |key: &str| {
                        js_sys::Reflect::get(&json, &key.into())
                            .ok()
                            .and_then(|t| t.as_string())
                            .unwrap_or_default()
                    };
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    link.set(Some(format!("{origin}/#invite={}", get("token"))));
                    failure.set(None);
                    let row = InviteRow {
                        id: get("id"),
                        role: chosen_role,
                        expires: 0.0,
                        revoked: false,
                        label: get("label"),
                    };
                    said.set(fill(
                        strings.get_untracked().invite_created,
                        "name",
                        isolate(&name_of(&row)),
                    ));
                    if let Some(input) = label.get() {
                        input.set_value("");
                    }
                    browser::focus_soon("#invite-link");
                    reload();
                }
                Ok((status, json)) => {
                    failure.set(Some(answer_text(status, &json, strings.get_untracked())))
                }
                Err(_) => failure.set(Some(offline())),
            }
        });
    };
    let revoke = move |row: InviteRow| {
        confirming.set(None);
        leptos::task::spawn_local(async move {
            match session::call("DELETE", &format!("/api/invites/{}", row.id), None).await {
                Ok((204, _)) if row.id == mine() => {
                    // This device's own access has ended: start again, where the app says so.
                    let _ = web_sys::window().map(|w| w.location().set_href("/"));
                }
                Ok((204, _)) => {
                    said.set(fill(
                        strings.get_untracked().invite_revoked_said,
                        "name",
                        isolate(&name_of(&row)),
                    ));
                    failure.set(None);
                    browser::focus_soon("#invites-list-heading");
                    reload();
                }
                Ok((status, json)) => {
                    failure.set(Some(answer_text(status, &json, strings.get_untracked())))
                }
                Err(_) => failure.set(Some(offline())),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="invites-heading">
            <h2 id="invites-heading">{move || strings.get().invites_heading}</h2>
            <p class="hint">{move || strings.get().invites_hint}</p>
            <form class="invite-form" on:submit=create>
                <label for="invite-label">{move || strings.get().invite_label_label}</label>
                <p class="hint" id="invite-label-hint">{move || strings.get().invite_label_hint}</p>
                <input id="invite-label" type="text" dir="auto" node_ref=label maxlength=MAX_LABEL_CHARS.to_string()
                    autocomplete="off" aria-describedby="invite-label-hint" />
                <label for="invite-role">{move || strings.get().invite_role_label}</label>
                <select id="invite-role" node_ref=role>
                    {move || {
                        let s = names.get();
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
                        [(INVITE_DAY_HOURS, s.expiry_day), (DEFAULT_INVITE_HOURS, s.expiry_week), (INVITE_MONTH_HOURS, s.expiry_month)]
                            .into_iter()
                            .map(|(hours, label)| view! { <option value=hours.to_string() selected=hours == DEFAULT_INVITE_HOURS>{label}</option> })
                            .collect_view()
                    }}
                </select>
                <button type="submit" class="button">{move || strings.get().invite_create}</button>
            </form>
            <p class="field-error" role="alert">
                {move || failure.get().map(|e| fill(strings.get().invite_failed, "error", e))}
            </p>
            <p class="confirmation" id="invites-said" role="status">{move || said.get()}</p>
            {move || link.get().map(|url| view! {
                <LinkToShare id="invite-link" url=url label=|s| s.invite_link_label message=|s| s.invite_message />
            })}
            <h3 id="invites-list-heading" tabindex="-1">{move || strings.get().invites_active}</h3>
            {move || {
                let s = strings.get();
                let rows = invites.get();
                if rows.is_empty() {
                    return view! { <p class="empty-state">{s.invites_none}</p> }.into_any();
                }
                let code = lang.get().code();
                let own = mine();
                view! {
                    <ul class="invite-list">
                        {rows.into_iter().map(|row| {
                            let until = browser::locale_date((row.expires * 1000.0) as i64, code);
                            let name = name_of(&row);
                            let is_mine = row.id == own;
                            let id = row.id.clone();
                            let confirm_row = row.clone();
                            let open_id = row.id.clone();
                            view! {
                                <li class="invite" data-invite=row.id.clone() data-revoked=row.revoked.to_string() data-mine=is_mine.to_string()>
                                    <span class="invite-name" dir="auto">{name.clone()}</span>
                                    <span class="member-role">{role_name(&row.role, names.get())}</span>
                                    <span>{fill(s.invite_until, "date", isolate(&until))}</span>
                                    {is_mine.then(|| view! { <span class="invite-yours">{s.invite_yours}</span> })}
                                    {if row.revoked {
                                        view! { <span class="invite-revoked">{s.invite_revoked}</span> }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" class="button button-quiet" data-action="revoke"
                                                aria-label=format!("{} — {}", s.invite_revoke, name)
                                                on:click=move |_| {
                                                    confirming.set(Some(open_id.clone()));
                                                    browser::focus_soon("#revoke-no");
                                                }>
                                                {s.invite_revoke}
                                            </button>
                                        }.into_any()
                                    }}
                                    {move || (confirming.get().as_deref() == Some(id.as_str())).then(|| {
                                        let s = strings.get();
                                        let question = if is_mine { s.invite_revoke_own } else { s.invite_revoke_confirm };
                                        let row = confirm_row.clone();
                                        let focus_back = format!("li[data-invite=\"{}\"] [data-action=\"revoke\"]", row.id);
                                        view! {
                                            <div class="revoke-confirm" role="group" aria-labelledby="revoke-question">
                                                <p id="revoke-question">{fill(question, "name", isolate(&name_of(&row)))}</p>
                                                <div class="actions">
                                                    <button type="button" class="button button-danger" id="revoke-yes" on:click=move |_| revoke(row.clone())>{s.invite_revoke_yes}</button>
                                                    <button type="button" class="button button-quiet" id="revoke-no" on:click=move |_| {
                                                        confirming.set(None);
                                                        browser::focus_soon(&focus_back);
                                                    }>{s.invite_revoke_no}</button>
                                                </div>
                                            </div>
                                        }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
