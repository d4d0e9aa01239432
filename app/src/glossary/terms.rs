//! `[[term]]` references: documents (and definitions) name a glossary term in double brackets;
//! it renders as a link to the entry, with the definition shown on hover, on keyboard focus, or
//! on a first tap (a second tap follows the link).

use leptos::prelude::*;

use super::strings::use_strings;
use super::{model::Entry, search::fold_text, use_glossary};
use crate::i18n::{fill, use_language};

/// A piece of prose: plain text, or a `[[reference]]` (its inner text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Plain text.
    Text(String),
    /// The text between `[[` and `]]`.
    Reference(String),
}

/// Splits `text` into plain text and `[[references]]`. An unclosed `[[` is plain text.
pub fn split_references(text: &str) -> Vec<Piece> {
    pieces_at(text)
        .into_iter()
        .map(|(_, piece)| piece)
        .collect()
}

/// [`split_references`], each piece with the byte offset in `text` where it starts (a text
/// piece is `text[start..start + len]` exactly; a reference starts at its `[[`). Why: a tap on
/// rendered prose puts the caret on the same character of the source (see `TermText`).
pub fn pieces_at(text: &str) -> Vec<(usize, Piece)> {
    let mut pieces = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find("[[") {
        let open = at + found;
        let Some(close) = text[open + 2..].find("]]") else {
            break;
        };
        let inner = &text[open + 2..open + 2 + close];
        if inner.trim().is_empty() || inner.contains('\n') {
            pieces.push((at, Piece::Text(text[at..open + 2].to_string())));
            at = open + 2;
            continue;
        }
        if open > at {
            pieces.push((at, Piece::Text(text[at..open].to_string())));
        }
        pieces.push((open, Piece::Reference(inner.trim().to_string())));
        at = open + 2 + close + 2;
    }
    if at < text.len() {
        pieces.push((at, Piece::Text(text[at..].to_string())));
    }
    // Merge neighbouring text pieces (the first one's start stands for both).
    let mut merged: Vec<(usize, Piece)> = Vec::new();
    for (start, piece) in pieces {
        match (merged.last_mut(), piece) {
            (Some((_, Piece::Text(a))), Piece::Text(b)) => a.push_str(&b),
            (_, piece) => merged.push((start, piece)),
        }
    }
    merged
}

/// Prose with `[[term]]` shown as just `term` (for one-line excerpts).
pub fn plain_text(text: &str) -> String {
    split_references(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) | Piece::Reference(t) => t,
        })
        .collect()
}

/// The entry a reference names: by preferred term, synonym or abbreviation, in either
/// language, ignoring niqqud, case and final letters.
pub fn resolve<'a>(
    reference: &str,
    entries: impl IntoIterator<Item = &'a Entry>,
) -> Option<&'a Entry> {
    let wanted = fold_text(reference);
    if wanted.is_empty() {
        return None;
    }
    let mut fallback = None;
    for entry in entries {
        if fold_text(&entry.term_he) == wanted || fold_text(&entry.term_en) == wanted {
            return Some(entry);
        }
        if fallback.is_none()
            && entry
                .synonyms_he
                .iter()
                .chain(&entry.synonyms_en)
                .chain(&entry.abbreviations_he)
                .chain(&entry.abbreviations_en)
                .any(|s| fold_text(s) == wanted)
        {
            fallback = Some(entry);
        }
    }
    fallback
}

/// Prose with its `[[term]]` references as glossary links.
#[component]
pub fn TermText(
    /// The prose.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let glossary = use_glossary();
    let lang = use_language();
    let strings = use_strings();
    move || {
        let hebrew = lang.get() == crate::i18n::Lang::He;
        let text = text.get();
        pieces_at(&text)
            .into_iter()
            .enumerate()
            .map(|(n, (start, piece))| match piece {
                // Where this text starts in the source, in UTF-16 units (the DOM's and a
                // textarea's): a tap on it opens the field with the caret on that character.
                Piece::Text(t) => view! { <span data-at=text[..start].encode_utf16().count()>{t}</span> }.into_any(),
                Piece::Reference(r) => match glossary.resolve(&r) {
                    Some(entry) => {
                        let definition = if hebrew && !entry.definition_he.is_empty() || entry.definition_en.is_empty() {
                            entry.definition_he.clone()
                        } else {
                            entry.definition_en.clone()
                        };
                        let tip = format!("term-tip-{}-{n}", entry.id);
                        let shown = RwSignal::new(false);
                        let href = format!("/glossary/{}", entry.id);
                        let label = fill(strings.get_untracked().g_term_tip, "term", &r);
                        view! {
                            <span class="term-ref" data-shown=move || shown.get().to_string()>
                                <a
                                    href=href
                                    class="term-link"
                                    aria-describedby=tip.clone()
                                    title=label
                                    on:click=move |event| {
                                        // On touch screens the first tap shows the definition.
                                        let touch = web_sys::window()
                                            .and_then(|w| w.match_media("(hover: none)").ok().flatten())
                                            .is_some_and(|m| m.matches());
                                        if touch && !shown.get_untracked() {
                                            event.prevent_default();
                                            shown.set(true);
                                        }
                                    }
                                >
                                    {r.clone()}
                                </a>
                                <span class="term-tip" role="tooltip" id=tip dir="auto">{definition}</span>
                            </span>
                        }
                        .into_any()
                    }
                    None => view! { <span class="term-missing">{r}</span> }.into_any(),
                },
            })
            .collect_view()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_show_references_as_plain_words() {
        assert_eq!(plain_text("ראו [[ענן]] ו-[[DX]]."), "ראו ענן ו-DX.");
        assert_eq!(plain_text("no links"), "no links");
    }

    #[test]
    fn references_are_split_out_of_prose() {
        assert_eq!(
            split_references("ראו [[טרנספורמציה דיגיטלית]] ו-[[Agile]]."),
            vec![
                Piece::Text("ראו ".into()),
                Piece::Reference("טרנספורמציה דיגיטלית".into()),
                Piece::Text(" ו-".into()),
                Piece::Reference("Agile".into()),
                Piece::Text(".".into()),
            ]
        );
        assert_eq!(
            split_references("no refs"),
            vec![Piece::Text("no refs".into())]
        );
        assert_eq!(
            split_references("open [[ only"),
            vec![Piece::Text("open [[ only".into())]
        );
        assert_eq!(
            split_references("[[]] x"),
            vec![Piece::Text("[[]] x".into())]
        );
    }

    #[test]
    fn each_text_piece_knows_where_it_starts_in_the_source() {
        for text in [
            "ראו [[ענן]] ו-[[ DX ]].",
            "[[]] x [[a]]b",
            "open [[ only",
            "[[x]]",
            "a\n[[b\n]] c",
        ] {
            let pieces = pieces_at(text);
            assert!(!pieces.is_empty(), "{text}");
            for (start, piece) in pieces {
                match piece {
                    Piece::Text(t) => assert_eq!(&text[start..start + t.len()], t, "{text}"),
                    Piece::Reference(r) => {
                        assert!(text[start..].starts_with("[["), "{text}");
                        assert!(text[start..].contains(&r), "{text}");
                    }
                }
            }
        }
        assert_eq!(
            pieces_at("ראו [[ענן]] ו"),
            vec![
                (0, Piece::Text("ראו ".into())),
                (7, Piece::Reference("ענן".into())),
                (17, Piece::Text(" ו".into())),
            ]
        );
    }

    #[test]
    fn references_resolve_by_term_then_synonym_ignoring_niqqud_and_case() {
        let entries = [
            Entry {
                id: "a".into(),
                term_he: "מנהל מערכות מידע".into(),
                term_en: "Chief information officer".into(),
                abbreviations_he: vec!["מנמ\"ר".into()],
                ..Default::default()
            },
            Entry {
                id: "b".into(),
                term_he: "אַג'ייל".into(),
                term_en: "Agile".into(),
                ..Default::default()
            },
        ];
        assert_eq!(resolve("agile", &entries).map(|e| e.id.as_str()), Some("b"));
        assert_eq!(
            resolve("אג'ייל", &entries).map(|e| e.id.as_str()),
            Some("b")
        );
        assert_eq!(resolve("מנמ״ר", &entries).map(|e| e.id.as_str()), Some("a"));
        assert_eq!(resolve("nothing", &entries), None);
    }
}
