//! Finding terms as you type, in Hebrew and English, and putting them in alphabetical order.
//!
//! Normalisation ([`fold`]): Hebrew niqqud and cantillation are dropped, final letters fold to
//! their base forms (ך→כ ם→מ ן→נ ף→פ ץ→צ), geresh/gershayim and quotes are dropped (מנמ"ר =
//! מנמר), Latin letters are lower-cased and lose their accents, punctuation becomes a space.
//! A query word may carry one of the common one-letter prefixes ו ה ב ל מ ש כ ("וטרנספורמציה"
//! finds "טרנספורמציה"). Every query word must match somewhere; entries are ranked by where the
//! best match is: the preferred term, a synonym or abbreviation, or a definition.
//!
//! The index ([`Index`]) is built once per glossary version; a keystroke only scans it.

use super::model::Entry;

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

/// Where a match was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// A preferred term.
    Term,
    /// A synonym or abbreviation.
    Synonym,
    /// A definition, example or note.
    Definition,
}

/// One searchable string of an entry.
#[derive(Debug, Clone)]
struct Indexed {
    field: Field,
    folded: Vec<char>,
}

/// The glossary, folded once for fast search.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<(String, Vec<Indexed>)>,
}

impl PartialEq for Index {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|(a, b)| {
                a.0 == b.0
                    && a.1.len() == b.1.len()
                    && a.1.iter().zip(&b.1).all(|(x, y)| x.folded == y.folded)
            })
    }
}

impl Index {
    /// Indexes `entries`.
    pub fn build(entries: &[Entry]) -> Index {
        let entries = entries
            .iter()
            .map(|e| {
                let mut fields = Vec::new();
                let mut add = |field, text: &str| {
                    let folded = fold(text).chars;
                    if !folded.is_empty() {
                        fields.push(Indexed { field, folded });
                    }
                };
                add(Field::Term, &e.term_he);
                add(Field::Term, &e.term_en);
                for s in e
                    .synonyms_he
                    .iter()
                    .chain(&e.synonyms_en)
                    .chain(&e.abbreviations_he)
                    .chain(&e.abbreviations_en)
                {
                    add(Field::Synonym, s);
                }
                add(Field::Definition, &e.definition_he);
                add(Field::Definition, &e.definition_en);
                add(Field::Definition, &e.example);
                (e.id.clone(), fields)
            })
            .collect();
        Index { entries }
    }

    /// How many entries are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The ids of the entries matching `query`, best first (ties keep the index order, so the
    /// caller's alphabetical order survives). An empty query matches nothing.
    pub fn search(&self, query: &str) -> Vec<(String, u32)> {
        let words: Vec<Vec<Vec<char>>> = fold(query)
            .chars
            .split(|&c| c == ' ')
            .filter(|w| !w.is_empty())
            .map(word_forms)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(usize, u32)> = Vec::new();
        for (position, (_, fields)) in self.entries.iter().enumerate() {
            let mut total = 0u32;
            let mut all = true;
            for forms in &words {
                let best = fields.iter().filter_map(|f| score(f, forms)).max();
                match best {
                    Some(s) => total += s,
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                hits.push((position, total));
            }
        }
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.into_iter()
            .map(|(p, s)| (self.entries[p].0.clone(), s))
            .collect()
    }
}

/// How well one query word (in any of its forms) matches one field: the field's weight, plus a
/// bonus for a whole-field match or a match at a word start.
fn score(field: &Indexed, forms: &[Vec<char>]) -> Option<u32> {
    let weight = match field.field {
        Field::Term => 100,
        Field::Synonym => 60,
        Field::Definition => 20,
    };
    forms
        .iter()
        .enumerate()
        .filter_map(|(form_index, form)| {
            let at = find(&field.folded, form)?;
            let whole = at == 0 && form.len() == field.folded.len();
            let word_start = at == 0 || field.folded[at - 1] == ' ';
            let bonus = if whole {
                50
            } else if at == 0 {
                30
            } else if word_start {
                15
            } else {
                0
            };
            // The literal word beats the word with its prefix removed.
            Some(weight + bonus - if form_index > 0 { 5 } else { 0 })
        })
        .max()
}

fn find(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).find(|&i| haystack[i..i + needle.len()] == *needle)
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

/// The sort key for an entry in `hebrew` (alef-bet) or English (A–Z) order: entries whose
/// term in that language starts with one of its letters first, in that order; then terms that
/// start otherwise (a Latin word in the Hebrew column, a digit); then entries with no term in
/// that language, by the other one.
pub fn sort_key(entry: &Entry, hebrew: bool) -> (u8, String) {
    let (first, second) = if hebrew {
        (&entry.term_he, &entry.term_en)
    } else {
        (&entry.term_en, &entry.term_he)
    };
    let primary = fold_text(first);
    let in_script = |c: char| {
        if hebrew {
            ('א'..='ת').contains(&c)
        } else {
            c.is_ascii_lowercase()
        }
    };
    match primary.chars().next() {
        Some(c) if in_script(c) => (0, primary),
        Some(_) => (1, primary),
        None => (2, fold_text(second)),
    }
}

/// Sorts entries for display: Hebrew alef-bet or English A–Z (see [`sort_key`]).
pub fn sort_entries(entries: &mut [Entry], hebrew: bool) {
    entries.sort_by_cached_key(|e| (sort_key(e, hebrew), e.id.clone()));
}

/// The alphabet of the jump bar.
pub fn alphabet(hebrew: bool) -> Vec<char> {
    if hebrew {
        "אבגדהוזחטיכלמנסעפצקרשת".chars().collect()
    } else {
        ('a'..='z').collect()
    }
}

/// The letter an entry files under in the jump bar, if it is in [`alphabet`].
pub fn initial(entry: &Entry, hebrew: bool) -> Option<char> {
    let (rank, key) = sort_key(entry, hebrew);
    if rank != 0 {
        return None;
    }
    key.chars()
        .find(|c| *c != ' ')
        .filter(|c| alphabet(hebrew).contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, he: &str, en: &str) -> Entry {
        Entry {
            id: id.into(),
            term_he: he.into(),
            term_en: en.into(),
            ..Default::default()
        }
    }

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
    fn search_is_hebrew_aware_and_english_insensitive() {
        let index = Index::build(&[
            entry("dt", "טרנספורמציה דיגיטלית", "Digital transformation"),
            entry("bt", "טרנספורמציה עסקית", "Business transformation"),
            entry("cafe", "בית קפה", "Café"),
            Entry {
                synonyms_en: vec!["DX".into()],
                abbreviations_he: vec!["מנמ\"ר".into()],
                definition_he: "מנהל מערכות מידע ראשי".into(),
                ..entry("cio", "מנהל מערכות מידע", "Chief information officer")
            },
        ]);
        let ids = |q: &str| {
            index
                .search(q)
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        };
        // (query, expected ids in order)
        let table: [(&str, &[&str]); 11] = [
            ("טרנספורמציה", &["bt", "dt"]),
            ("טְרַנְסְפוֹרְמַצְיָה", &["bt", "dt"]),
            ("וטרנספורמציה", &["bt", "dt"]),
            ("טרנספורמציה דיגיטלית", &["dt"]),
            ("digital TRANSFORMATION", &["dt"]),
            ("cafe", &["cafe"]),
            ("CAFÉ", &["cafe"]),
            ("מנמר", &["cio"]),
            ("dx", &["cio"]),
            ("   ", &[]),
            ("zzz", &[]),
        ];
        for (query, expected) in table {
            let got = ids(query);
            let mut got_sorted = got.clone();
            let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            if query.starts_with('ט') || query.starts_with('ו') {
                // Equal scores keep index order; compare as sets there.
                got_sorted.sort();
                want.sort();
                assert_eq!(got_sorted, want, "{query}");
            } else {
                assert_eq!(got, want, "{query}");
            }
        }
    }

    #[test]
    fn a_term_match_outranks_a_synonym_which_outranks_a_definition() {
        let index = Index::build(&[
            Entry {
                definition_en: "Agile ways of working".into(),
                ..entry("d", "", "Scrum")
            },
            Entry {
                synonyms_en: vec!["agile delivery".into()],
                ..entry("s", "", "Iterative delivery")
            },
            entry("t", "אג'ייל", "Agile"),
        ]);
        let ranked: Vec<String> = index
            .search("agile")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ranked, vec!["t", "s", "d"]);
        let literal = Index::build(&[entry("a", "הבית", ""), entry("b", "בית", "")]);
        assert_eq!(literal.search("הבית")[0].0, "a", "the literal word first");
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

    #[test]
    fn collation_is_alef_bet_then_english_a_to_z() {
        let mut entries = vec![
            entry("1", "תכנון", "Planning"),
            entry("2", "אג'ייל", "Agile"),
            entry("3", "", "Benchmark"),
            entry("4", "מסע לקוח", "Customer journey"),
            entry("5", "ך-סופית", "Zed"),
            entry("6", "כלי", "tool"),
        ];
        sort_entries(&mut entries, true);
        let order: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            order,
            vec!["2", "5", "6", "4", "1", "3"],
            "final kaf sorts as kaf; no Hebrew term last"
        );
        sort_entries(&mut entries, false);
        let order: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(order, vec!["2", "3", "4", "1", "6", "5"]);
        assert_eq!(initial(&entry("x", "ךלום", ""), true), Some('כ'));
        assert_eq!(initial(&entry("x", "", "Zed"), true), None);
        assert_eq!(initial(&entry("x", "", "Zed"), false), Some('z'));
        // A Latin term in the Hebrew column files after the Hebrew ones, before the empty ones.
        let mut mixed = vec![
            entry("l", "Agile (אג'ייל)", "Agile"),
            entry("h", "תכנון", ""),
            entry("e", "", "Benchmark"),
        ];
        sort_entries(&mut mixed, true);
        assert_eq!(
            mixed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            vec!["h", "l", "e"]
        );
        assert_eq!(alphabet(true).len(), 22);
    }
}
