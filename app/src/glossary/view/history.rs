//! An entry's history: who changed which fields and when, newest first, a run of typing as one
//! item; each opens, in place, what it changed (word by word) and its version, which a member
//! can restore as a new change. Extended with each change rather than rebuilt: a keystroke in a
//! definition scans only the changes since the last look, not the whole glossary's; and read
//! again once the document has loaded (a deep link opens on the cached view, without history).

use automerge::ChangeHash;
use leptos::prelude::*;
use sync_core::documents::GLOSSARY;

use super::{
    fields::{field_label, field_lang, pieces_view},
    status_name,
};
use crate::{
    browser,
    glossary::{
        actions,
        history::{changes, extend, history_since, restore_edit, HistoryItem},
        model::{read_entry, At, Entry},
        strings::use_strings,
    },
    i18n::{fill, isolate, use_language},
    platform::facts::use_facts,
};

/// What the history has read so far: for which entry, up to which heads, and the items.
type Log = (String, Vec<ChangeHash>, Vec<HistoryItem>);

/// The history card.
#[component]
pub fn HistoryCard(id: Memo<String>, entry: Memo<Option<Entry>>) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let facts = use_facts();
    let shared = crate::platform::strings::use_strings();
    let name_of = move |member: &str| facts.name_of(member, shared.get().member_unnamed);
    let date =
        move |seconds: i64| browser::locale_date_time(seconds * 1000, lang.get_untracked().code());
    // The item whose version is open, by its last heads.
    let open = RwSignal::new(None::<Vec<ChangeHash>>);
    let restored = RwSignal::new(None::<String>);
    let log = StoredValue::new(Log::default());
    let history = Memo::new(move |_| {
        entry.track();
        let id = id.get();
        let Some(g) = facts.document(GLOSSARY) else {
            return Vec::new();
        };
        // Before the document has loaded there is no history to read; once it has, read it all.
        let ready = g.is_ready();
        // Extended in place: a keystroke appends to (or grows) the last item, nothing is copied
        // but the result.
        log.try_update_value(|(seen_id, seen, items)| {
            if *seen_id != id || !ready {
                seen.clear();
            }
            if seen.is_empty() {
                items.clear();
            }
            let heads = g.read(|doc| {
                extend(items, history_since(doc, &id, seen));
                doc.get_heads()
            });
            *seen = if ready { heads } else { Vec::new() };
            *seen_id = id;
            items.clone()
        })
        .unwrap_or_default()
    });
    let restore = move |item: HistoryItem| {
        let Some(g) = facts.document_untracked(GLOSSARY) else {
            return;
        };
        let id = id.get_untracked();
        let edit = g.read(|doc| {
            let now = read_entry(doc, &id, At(None))?;
            let version = read_entry(doc, &id, At(Some(&item.heads)))?;
            restore_edit(&now, &version)
        });
        if let Some(edit) = edit {
            actions::restore(&id, edit);
            let s = strings.get_untracked();
            restored.set(Some(fill(s.g_restored, "date", date(item.time))));
            open.set(None);
            browser::focus_soon("#history-restored");
        }
    };
    view! {
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{move || strings.get().g_history}</h2>
            <p id="history-restored" class="hint" role="status" tabindex="-1">{move || restored.get()}</p>
            <ol class="history">
                // Keyed by version: an item that did not change keeps its element (and its open
                // panel, and focus) when anything else does — a name learnt, a new edit, a sync.
                <For
                    each={move || history.get().into_iter().rev().collect::<Vec<_>>()}
                    key=|item| (item.before.clone(), item.heads.clone())
                    let:item
                >
                    {
                        let member = item.member.clone();
                        let fields = item.fields.clone();
                        let line = move || {
                            let s = strings.get();
                            let fields = fields.iter().map(|f| field_label(f, s)).collect::<Vec<_>>().join(", ");
                            fill(&fill(s.g_history_item, "who", isolate(&name_of(&member))), "fields", fields)
                        };
                        let heads = item.heads.clone();
                        let shown = heads.clone();
                        let is_open = Signal::derive(move || open.with(|o| o.as_ref() == Some(&shown)));
                        let panel_item = item.clone();
                        view! {
                            <li>
                                <span dir="auto">{line}</span>
                                " · "<time dir="auto">{date(item.time)}</time>" "
                                <button type="button" class="button button-quiet" data-version=version_key(&item.heads) aria-expanded=move || is_open.get().to_string()
                                    on:click=move |_| {
                                        let next = (!open.with_untracked(|o| o.as_ref() == Some(&heads))).then(|| heads.clone());
                                        let opening = next.is_some();
                                        open.set(next);
                                        restored.set(None);
                                        if opening {
                                            browser::focus_soon(".history .old-version h3");
                                        }
                                    }>{move || strings.get().g_show_version}</button>
                                {move || is_open.get().then(|| view! { <VersionPanel id=id entry=entry item=panel_item.clone() open=open restore=Callback::new(restore) /> })}
                            </li>
                        }
                    }
                </For>
            </ol>
        </section>
    }
}

/// One history item opened in place: what it changed, word by word, the entry as it was right
/// after it, and (for those who may edit, when it differs from now) restoring it.
#[component]
fn VersionPanel(
    id: Memo<String>,
    entry: Memo<Option<Entry>>,
    item: HistoryItem,
    open: RwSignal<Option<Vec<ChangeHash>>>,
    restore: Callback<HistoryItem>,
) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let facts = use_facts();
    let s = strings.get_untracked();
    let read = |heads: &[ChangeHash]| {
        facts
            .document_untracked(GLOSSARY)
            .and_then(|g| g.read(|doc| read_entry(doc, &id.get_untracked(), At(Some(heads)))))
    };
    let old = read(&item.heads);
    let before = read(&item.before).unwrap_or_default();
    let what = old
        .as_ref()
        .map(|old| changes(&before, old))
        .unwrap_or_default();
    let heads = item.heads.clone();
    // Tracked: a restore (or anyone's edit) can make this version the current one.
    let same_as_now = Memo::new(move |_| {
        entry.track();
        facts.document(GLOSSARY).is_some_and(|g| {
            g.read(|doc| {
                let version = read_entry(doc, &id.get_untracked(), At(Some(&heads)));
                let now = read_entry(doc, &id.get_untracked(), At(None));
                version
                    .zip(now)
                    .is_none_or(|(v, n)| restore_edit(&n, &v).is_none())
            })
        })
    });
    let title = fill(
        s.g_version_of,
        "date",
        browser::locale_date_time(item.time * 1000, lang.get_untracked().code()),
    );
    let chosen = item.clone();
    let label = title.clone();
    let back = version_key(&item.heads);
    view! {
        <div class="old-version" role="region" aria-label=label>
            <h3 tabindex="-1">{title}</h3>
            <h4>{s.g_what_changed}</h4>
            {if what.is_empty() {
                view! { <p class="hint">{s.g_nothing_visible}</p> }.into_any()
            } else {
                view! {
                    <dl class="diff-list">
                        {what.into_iter().map(|(field, pieces)| view! {
                            <dt>{field_label(field, s)}</dt>
                            <dd class="diff" dir="auto" lang=field_lang(field)>{pieces_view(pieces, s)}</dd>
                        }).collect_view()}
                    </dl>
                }.into_any()
            }}
            {old.map(|e| {
                let status = status_name(e.status(), s);
                view! {
                    <h4>{s.g_version_entry}</h4>
                    <dl>
                        <dt>{s.g_term_he}</dt><dd dir="rtl" lang="he">{e.term_he}</dd>
                        <dt>{s.g_term_en}</dt><dd dir="ltr" lang="en">{e.term_en}</dd>
                        <dt>{s.g_definition_he}</dt><dd dir="rtl" lang="he" class="old-definition-he">{e.definition_he}</dd>
                        <dt>{s.g_definition_en}</dt><dd dir="ltr" lang="en">{e.definition_en}</dd>
                        <dt>{s.g_status_filter}</dt><dd>{status}</dd>
                    </dl>
                }
            })}
            <div class="actions">
                {move || (facts.can_write() && !same_as_now.get()).then(|| {
                    let chosen = chosen.clone();
                    view! { <button type="button" class="button" data-action="restore-version" on:click=move |_| restore.run(chosen.clone())>{s.g_restore_version}</button> }
                })}
                {move || (facts.can_write() && same_as_now.get()).then(|| view! { <p class="hint">{s.g_same_as_now}</p> })}
                <button type="button" class="button button-quiet" on:click=move |_| {
                    open.set(None);
                    // Back to the button that opened it, not to the page.
                    browser::focus_soon(&format!(".history button[data-version=\"{back}\"]"));
                }>{s.g_close}</button>
            </div>
        </div>
    }
}

/// A history item's key in the page (its first head), to find its button again.
fn version_key(heads: &[ChangeHash]) -> String {
    heads.first().map(ToString::to_string).unwrap_or_default()
}
