//! What changed between two texts, word by word, for people to read: a history item shows the
//! words removed and added, not two whole definitions to compare by eye. Pure; every feature
//! that keeps text (glossary definitions, knowledge documents) uses this one.

/// One run of a diff: words kept, removed or added, with their spacing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// In both texts.
    Same(String),
    /// Only in the old text.
    Removed(String),
    /// Only in the new text.
    Added(String),
}

/// The largest comparison made word by word (words × words, spaces counted as words, after the
/// shared start and end are set aside). Why: the table is quadratic; a million cells is 4 MB and
/// a few milliseconds on a phone (two 500-word definitions rewritten throughout), and a text
/// changed that much at once reads better as "replaced" than as a maze of fragments anyway.
pub const MAX_DIFF_CELLS: usize = 1_000_000;

/// Splits `text` into words and the runs of space between them, so the pieces join back
/// exactly and a word is compared without the space after it.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if i > 0 && in_space != space {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The words of `old` and `new` as kept, removed and added runs, in reading order. Texts that
/// share their start and end are compared only in the middle; texts too long for a full
/// comparison ([`MAX_DIFF_CELLS`]) show that middle as removed then added.
pub fn diff_words(old: &str, new: &str) -> Vec<Piece> {
    let a = words(old);
    let b = words(new);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out = Runs::default();
    out.push(Kind::Same, &a[..prefix]);
    if (mid_a.len() + 1).saturating_mul(mid_b.len() + 1) > MAX_DIFF_CELLS {
        out.push(Kind::Removed, mid_a);
        out.push(Kind::Added, mid_b);
    } else {
        middle(mid_a, mid_b, &mut out);
    }
    out.push(Kind::Same, &a[a.len() - suffix..]);
    out.pieces
}

/// The longest common subsequence of two word lists, walked into runs.
fn middle(a: &[&str], b: &[&str], out: &mut Runs) {
    let width = b.len() + 1;
    // lcs[i * width + j]: common words of a[i..] and b[j..].
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(Kind::Same, &a[i..=i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i * width + j + 1] > lcs[(i + 1) * width + j])
        {
            // On a tie the removal comes first: "old new" reads in that order.
            out.push(Kind::Added, &b[j..=j]);
            j += 1;
        } else {
            out.push(Kind::Removed, &a[i..=i]);
            i += 1;
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Same,
    Removed,
    Added,
}

/// Pieces under construction: words of the same kind in a row join into one piece.
#[derive(Default)]
struct Runs {
    pieces: Vec<Piece>,
}

impl Runs {
    fn push(&mut self, kind: Kind, words: &[&str]) {
        if words.is_empty() {
            return;
        }
        let text: String = words.concat();
        let last = self.pieces.last_mut();
        match (kind, last) {
            (Kind::Same, Some(Piece::Same(run)))
            | (Kind::Removed, Some(Piece::Removed(run)))
            | (Kind::Added, Some(Piece::Added(run))) => run.push_str(&text),
            (Kind::Same, _) => self.pieces.push(Piece::Same(text)),
            (Kind::Removed, _) => self.pieces.push(Piece::Removed(text)),
            (Kind::Added, _) => self.pieces.push(Piece::Added(text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old_and_new(pieces: &[Piece]) -> (String, String) {
        let (mut old, mut new) = (String::new(), String::new());
        for piece in pieces {
            match piece {
                Piece::Same(t) => {
                    old.push_str(t);
                    new.push_str(t);
                }
                Piece::Removed(t) => old.push_str(t),
                Piece::Added(t) => new.push_str(t),
            }
        }
        (old, new)
    }

    #[test]
    fn a_changed_word_in_hebrew_reads_as_removed_and_added() {
        let old = "שינוי עומק בשירותים הציבוריים";
        let new = "שינוי יסודי בשירותים הציבוריים והדיגיטליים";
        let pieces = diff_words(old, new);
        assert_eq!(
            pieces,
            vec![
                Piece::Same("שינוי ".into()),
                Piece::Removed("עומק".into()),
                Piece::Added("יסודי".into()),
                Piece::Same(" בשירותים הציבוריים".into()),
                Piece::Added(" והדיגיטליים".into()),
            ]
        );
        assert_eq!(old_and_new(&pieces), (old.into(), new.into()));
    }

    #[test]
    fn the_pieces_rebuild_both_texts_exactly() {
        for (old, new) in [
            ("", "new text"),
            ("old text", ""),
            ("same", "same"),
            ("a b c d", "a x c y d"),
            ("line one\nline two\n", "line one\nline 2\n\nthree"),
            ("API 2.0 של משרד", "API 3.0 של  משרד הבריאות"),
        ] {
            let pieces = diff_words(old, new);
            assert_eq!(
                old_and_new(&pieces),
                (old.into(), new.into()),
                "{old:?} → {new:?}"
            );
            if old == new {
                assert!(pieces.iter().all(|p| matches!(p, Piece::Same(_))));
            }
        }
    }

    #[test]
    fn a_text_too_long_to_compare_is_shown_replaced_around_what_it_kept() {
        let old = format!("start {} end", "a ".repeat(1_000));
        let new = format!("start {} end", "b ".repeat(1_000));
        let pieces = diff_words(&old, &new);
        assert_eq!(pieces.len(), 4, "kept, removed, added, kept");
        assert_eq!(old_and_new(&pieces), (old, new));
    }
}
