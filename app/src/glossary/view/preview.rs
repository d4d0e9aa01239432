//! An import's preview, row by row: its number as the spreadsheet shows it, its terms (even on a
//! wrong row), and what importing it does — a new term, an update of the term already there
//! (each change shown word by word), nothing new, or what is wrong.

use leptos::prelude::*;

use super::{
    fields::{field_dir, field_label, field_lang, pieces_view},
    status_name,
};
use crate::{
    glossary::{
        io::{Checked, RowError, Verdict},
        strings::{use_strings, Strings},
    },
    i18n::fill,
    platform::diff::diff_words,
};

/// How many rows of a preview do what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// New entries.
    pub new: usize,
    /// Rows whose term is already in the glossary.
    pub existing: usize,
    /// Of those, the ones that would change their entry.
    pub changed: usize,
    /// Rows that cannot be imported.
    pub bad: usize,
}

impl Tally {
    /// Counts `checked`.
    pub fn of(checked: &[Checked]) -> Tally {
        let mut tally = Tally {
            new: 0,
            existing: 0,
            changed: 0,
            bad: 0,
        };
        for c in checked {
            match c.verdict {
                Verdict::New => tally.new += 1,
                Verdict::Update { .. } => {
                    tally.existing += 1;
                    tally.changed += 1;
                }
                Verdict::Same { .. } => tally.existing += 1,
                Verdict::Invalid(_) => tally.bad += 1,
            }
        }
        tally
    }
}

/// What is wrong with a row, in words.
fn row_error_text(error: &RowError, s: &'static Strings) -> String {
    match error {
        RowError::MissingTerm => s.g_err_missing.to_string(),
        RowError::Duplicate {
            term,
            earlier_row: None,
        } => fill(s.g_err_duplicate, "term", term),
        RowError::Duplicate {
            term,
            earlier_row: Some(n),
        } => fill(&fill(s.g_err_duplicate_row, "term", term), "n", n),
        RowError::BadStatus(status) => fill(s.g_err_status, "s", status),
        RowError::BadLink(link) => fill(s.g_err_link, "s", link),
    }
}

/// One row of the preview. `update`: whether the member chose to update the entries already
/// there (the row says whether its changes will be applied).
#[component]
pub fn PreviewRow(checked: Checked, update: RwSignal<bool>) -> impl IntoView {
    // The preview is drawn again when the language changes.
    let s = use_strings().get_untracked();
    let Checked { line, row, verdict } = checked;
    let (class, outcome) = match verdict {
        Verdict::New => (
            "row-ok",
            view! { <td>{fill(s.g_row_new, "status", status_name(row.status, s))}</td> }.into_any(),
        ),
        Verdict::Same { .. } => ("row-same", view! { <td>{s.g_row_same}</td> }.into_any()),
        Verdict::Update { changes, .. } => (
            "row-update",
            view! {
                <td>
                    <p class="row-update-said">{move || if update.get() { s.g_row_update } else { s.g_row_update_off }}</p>
                    <dl class="diff-list">
                        {changes.into_iter().map(|c| view! {
                            <dt>{field_label(c.field, s)}</dt>
                            <dd class="diff" dir=field_dir(c.field) lang=field_lang(c.field)>{pieces_view(diff_words(&c.before, &c.after), s)}</dd>
                        }).collect_view()}
                    </dl>
                </td>
            }
            .into_any(),
        ),
        Verdict::Invalid(errors) => (
            "row-error",
            view! {
                <td class="field-error">{errors.iter().map(|e| row_error_text(e, s)).collect::<Vec<_>>().join("; ")}</td>
            }
            .into_any(),
        ),
    };
    view! {
        <tr class=class>
            <td>{line}</td>
            <td lang="he" dir="rtl">{row.term_he}</td>
            <td lang="en" dir="ltr">{row.term_en}</td>
            {outcome}
        </tr>
    }
}
