//! An entry's history: who changed which fields and when, newest first, each with its version
//! to look at. Extended with each change rather than rebuilt: a keystroke in a definition scans
//! only the changes since the last look, not the whole glossary's.

use automerge::ChangeHash;
use leptos::prelude::*;
use sync_core::documents::GLOSSARY;

use super::status_name;
use crate::{
    browser,
    glossary::{
        history::{history_since, HistoryItem},
        model::{read_entry, At, Entry},
        strings::{use_strings, Strings},
    },
    i18n::{fill, use_language},
    platform::facts::use_facts,
};

/// A field's name as people read it (history lines name the fields a change touched).
fn field_label(field: &str, s: &'static Strings) -> String {
    let label = match field {
        "created" => s.g_created,
        "status" => s.g_status_filter,
        "term_he" => s.g_term_he,
        "term_en" => s.g_term_en,
        "synonyms_he" | "synonyms_en" => s.g_related_synonyms,
        "abbreviations_he" => s.g_abbr_he,
        "abbreviations_en" => s.g_abbr_en,
        "definition_he" => s.g_definition_he,
        "definition_en" => s.g_definition_en,
        "example" => s.g_example,
        "source" => s.g_source,
        "source_url" => s.g_source_url,
        "domain" => s.g_domain,
        "notes" => s.g_notes,
        "related" => s.g_related,
        other => return other.to_string(),
    };
    label.to_string()
}

/// What the history has read so far: for which entry, up to which heads, and the items.
type Log = (String, Vec<ChangeHash>, Vec<HistoryItem>);

/// The history card.
#[component]
pub fn HistoryCard(id: Memo<String>, entry: Memo<Option<Entry>>) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let facts = use_facts();
    let shared = crate::platform::strings::use_strings();
    let name_of = move |member: &str| facts.name_of(member, shared.get_untracked().member_unnamed);
    let date =
        move |seconds: i64| browser::locale_date_time(seconds * 1000, lang.get_untracked().code());
    let version = RwSignal::new(None::<(Vec<ChangeHash>, i64)>);
    let log = StoredValue::new(Log::default());
    let history = Memo::new(move |_| {
        entry.track();
        let id = id.get();
        let Some(g) = facts.document(GLOSSARY) else {
            return Vec::new();
        };
        let (seen_id, seen, mut items) = log.get_value();
        let since = if seen_id == id { seen } else { Vec::new() };
        if seen_id != id {
            items.clear();
        }
        let heads = g.read(|doc| {
            items.extend(history_since(doc, &id, &since));
            doc.get_heads()
        });
        log.set_value((id, heads, items.clone()));
        items
    });
    view! {
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{move || strings.get().g_history}</h2>
            <ol class="history">
                {move || {
                    let s = strings.get();
                    history.get().into_iter().rev().map(|item| {
                        let fields = item.fields.iter().map(|f| field_label(f, s)).collect::<Vec<_>>().join(", ");
                        let line = fill(&fill(s.g_history_item, "who", name_of(&item.member)), "fields", fields);
                        let heads = item.heads.clone();
                        let time = item.time;
                        view! {
                            <li>
                                <span>{line}</span>
                                " · "<time>{date(time)}</time>" "
                                <button type="button" class="button button-quiet" on:click=move |_| version.set(Some((heads.clone(), time)))>{s.g_show_version}</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
            {move || version.get().map(|(heads, time)| {
                let s = strings.get();
                let old = facts
                    .document_untracked(GLOSSARY)
                    .and_then(|g| g.read(|doc| read_entry(doc, &id.get_untracked(), At(Some(&heads)))));
                let title = fill(s.g_version_of, "date", date(time));
                let label = title.clone();
                view! {
                    <div class="old-version" role="region" aria-label=label>
                        <h3>{title}</h3>
                        {old.map(|e| {
                            let status = status_name(e.status(), s);
                            view! {
                                <dl>
                                    <dt>{s.g_term_he}</dt><dd dir="rtl">{e.term_he}</dd>
                                    <dt>{s.g_term_en}</dt><dd dir="ltr">{e.term_en}</dd>
                                    <dt>{s.g_definition_he}</dt><dd dir="rtl" class="old-definition-he">{e.definition_he}</dd>
                                    <dt>{s.g_definition_en}</dt><dd dir="ltr">{e.definition_en}</dd>
                                    <dt>{s.g_status_filter}</dt><dd>{status}</dd>
                                </dl>
                            }
                        })}
                        <button type="button" class="button button-quiet" on:click=move |_| version.set(None)>{s.g_close}</button>
                    </div>
                }
            })}
        </section>
    }
}
