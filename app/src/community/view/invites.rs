//! Invitation links (admins): create with a role and expiry, copy or share, revoke.

use leptos::{html, prelude::*};
use wasm_bindgen::JsValue;

use super::members::role_name;
use crate::community::{session, strings::use_strings};
use crate::{
    browser,
    i18n::{fill, use_language},
};

/// An invitation for one meeting's day.
pub const INVITE_DAY_HOURS: u32 = 24;
/// The expiry offered first: a week. Why: long enough for a link shared in a group chat to be
/// opened by those who read it days later, short enough that a forwarded link soon stops working.
pub const DEFAULT_INVITE_HOURS: u32 = 7 * 24;
/// The longest expiry offered: 30 days (the relay accepts up to 90).
pub const INVITE_MONTH_HOURS: u32 = 30 * 24;

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
            .unwrap_or(f64::from(DEFAULT_INVITE_HOURS));
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
