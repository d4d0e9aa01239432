//! Finding terms as you type, in Hebrew and English, and putting them in alphabetical order.
//!
//! Normalisation ([`fold`]): Hebrew niqqud and cantillation are dropped, final letters fold to
//! their base forms (ך→כ ם→מ ן→נ ף→פ ץ→צ), geresh/gershayim and quotes are dropped (מנמ"ר =
//! מנמר), Latin letters are lower-cased and lose their accents, punctuation becomes a space.
//! A query word may carry one of the common one-letter prefixes ו ה ב ל מ ש כ ("וטרנספורמציה"
//! finds "טרנספורמציה"). Every query word must match somewhere; entries are ranked by where the
//! best match is: the preferred term, a synonym or abbreviation, or a definition.
//!
//! - [`index`] — the entries folded once for fast search, kept up to date one entry at a time.
//! - [`order`] — alef-bet and A–Z order and the jump bar's letters.

mod index;
mod order;

pub use index::{Field, Index};
pub use order::{alphabet, initial, sort_entries, sort_key};

/// Folds one character for search and sorting; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    match c {
        // Hebrew points and cantillation marks; geresh, gershayim, ASCII quotes.
        '\u{0591}'..='\u{05C7}'
            if !matches!(c, '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05C6}') =>
        {
            None
        }
        '\u{05F3}' | '\u{05F4}' | '"' | '\'' | '\u{2018}' | '\u{2019}' | '\u{201C}'
        | '\u{201D}' => None,
        'ך' => Some('כ'),
        'ם' => Some('מ'),
        'ן' => Some('נ'),
        'ף' => Some('פ'),
        'ץ' => Some('צ'),
        'א'..='ת' => Some(c),
        c if c.is_alphanumeric() => Some(fold_latin(c)),
        // Emoji presentation selectors and joiners: "❤️" and "❤" are one search.
        '\u{FE0E}' | '\u{FE0F}' | '\u{200D}' => None,
        // Symbols and emoji (from the arrows block on, past the punctuation blocks) are searched
        // as themselves: a term may be only "🚀" or "✅ מאושר", and must be found.
        c if u32::from(c) >= 0x2190 && !('\u{3000}'..='\u{303F}').contains(&c) => Some(c),
        _ => Some(' '),
    }
}

/// Lower case without accents, for the Latin letters people type.
fn fold_latin(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        other => other,
    }
}

/// A folded string and, for each of its characters, the index of the original character it
/// came from (to highlight matches in the original text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    /// The folded characters.
    pub chars: Vec<char>,
    /// Original character index of each folded character.
    pub origin: Vec<usize>,
}

/// Folds `text` for searching (see the module docs).
pub fn fold(text: &str) -> Folded {
    let mut out = Folded::default();
    for (index, c) in text.chars().enumerate() {
        if let Some(f) = fold_char(c) {
            // Collapse runs of spaces.
            if f == ' ' && out.chars.last().is_none_or(|&last| last == ' ') {
                continue;
            }
            out.chars.push(f);
            out.origin.push(index);
        }
    }
    while out.chars.last() == Some(&' ') {
        out.chars.pop();
        out.origin.pop();
    }
    out
}

/// The folded text as a `String` (for sorting and comparisons).
pub fn fold_text(text: &str) -> String {
    fold(text).chars.into_iter().collect()
}

/// The one-letter prefixes Hebrew attaches to words: and, the, in, to, from, that, as.
pub const HEBREW_PREFIXES: [char; 7] = ['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ'];

/// The forms a query word may match: itself, and without a leading one-letter prefix (when what
/// remains is still at least two letters).
pub fn word_forms(word: &[char]) -> Vec<Vec<char>> {
    let mut forms = vec![word.to_vec()];
    if word.len() >= 3 && HEBREW_PREFIXES.contains(&word[0]) {
        forms.push(word[1..].to_vec());
    }
    forms
}

/// `text` cut into pieces, each marked as matching `query` or not, for highlighting.
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let original: Vec<char> = text.chars().collect();
    let folded = fold(text);
    let mut marked = vec![false; original.len()];
    for word in fold(query)
        .chars
        .split(|&c| c == ' ')
        .filter(|w| !w.is_empty())
    {
        for form in word_forms(word) {
            let mut from = 0;
            while let Some(at) = find(&folded.chars[from..], &form) {
                let start = from + at;
                let end = start + form.len();
                let first = folded.origin[start];
                let last = folded.origin[end - 1];
                // Marks (niqqud) between the last matched letter and the next stay with it.
                let next = folded.origin.get(end).copied().unwrap_or(original.len());
                let stop = if next > last + 1
                    && original[last + 1..next]
                        .iter()
                        .all(|c| fold_char(*c).is_none())
                {
                    next
                } else {
                    last + 1
                };
                for m in &mut marked[first..stop] {
                    *m = true;
                }
                from = end;
            }
        }
    }
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for (c, m) in original.into_iter().zip(marked) {
        match pieces.last_mut() {
            Some((text, mark)) if *mark == m => text.push(c),
            _ => pieces.push((c.to_string(), m)),
        }
    }
    pieces
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).find(|&i| haystack[i..i + needle.len()] == *needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_niqqud_folds_finals_and_accents() {
        let cases = [
            ("טְרַנְסְפוֹרְמַצְיָה", "טרנספורמציה"),
            ("שלום", "שלומ"),
            ("ארץ", "ארצ"),
            ("מנמ\"ר", "מנמר"),
            ("מנמ״ר", "מנמר"),
            ("Café  Agile!", "cafe agile"),
            ("  Ask once ", "ask once"),
            ("CIO's", "cios"),
        ];
        for (text, folded) in cases {
            assert_eq!(fold_text(text), folded, "{text}");
        }
    }

    #[test]
    fn emoji_and_symbols_are_searched_as_themselves() {
        assert_eq!(fold_text("🚀"), "🚀");
        assert_eq!(
            fold_text("❤️ אהבה"),
            "❤ אהבה",
            "the presentation selector is dropped"
        );
        assert_eq!(fold_text("שלב — ✅"), "שלב ✅", "a dash is still a space");
    }

    #[test]
    fn highlights_map_back_to_the_original_text() {
        let pieces = highlight("Digital Transformation", "transf");
        assert_eq!(
            pieces,
            vec![
                ("Digital ".into(), false),
                ("Transf".into(), true),
                ("ormation".into(), false)
            ]
        );
        let pointed = highlight("שָׁלוֹם עולם", "שלום");
        assert_eq!(
            pointed[0],
            ("שָׁלוֹם".to_string(), true),
            "niqqud stays inside the mark"
        );
        let prefixed = highlight("טרנספורמציה", "וטרנס");
        assert_eq!(prefixed[0], ("טרנס".to_string(), true));
        assert_eq!(highlight("abc", ""), vec![("abc".into(), false)]);
    }
}
