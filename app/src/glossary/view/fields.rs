//! Fields as people read them, shared by the entry's pages: a field's name in the interface
//! language, its language and direction, and a word diff of two of its values.

use leptos::prelude::*;

use crate::{glossary::strings::Strings, platform::diff::Piece};

/// A field's name as people read it (history lines name the fields a change touched).
pub fn field_label(field: &str, s: &'static Strings) -> String {
    let label = match field {
        "created" => s.g_created,
        "restored" => s.g_restored_field,
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

/// The language of a field's value (`he` for the Hebrew ones, `en` for the English ones).
pub fn field_lang(field: &str) -> Option<&'static str> {
    if field.ends_with("_he") {
        Some("he")
    } else if field.ends_with("_en") {
        Some("en")
    } else {
        None
    }
}

/// A diff as text with its removed words struck out and its added words marked, each named for
/// screen readers.
pub fn pieces_view(pieces: Vec<Piece>, s: &'static Strings) -> impl IntoView {
    pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Same(text) => view! { <span>{text}</span> }.into_any(),
            Piece::Removed(text) => view! {
                <del><span class="visually-hidden">{s.g_words_removed}" "</span>{text}</del>
            }
            .into_any(),
            Piece::Added(text) => view! {
                <ins><span class="visually-hidden">{s.g_words_added}" "</span>{text}</ins>
            }
            .into_any(),
        })
        .collect_view()
}

/// A field's direction: its language's, left-to-right for a link, else from its text.
pub fn field_dir(field: &str) -> &'static str {
    match field_lang(field) {
        Some("he") => "rtl",
        Some(_) => "ltr",
        None if field == "source_url" => "ltr",
        None => "auto",
    }
}
