//! Turning a text field's edits into Automerge text splices, and keeping the caret in place when
//! someone else's edit arrives.
//!
//! A `<textarea>` reports only its new value. [`splice_between`] finds the one contiguous
//! replacement that turns the old value into the new one (common prefix and suffix), which is
//! exactly what typing, pasting or deleting a selection does; Automerge then merges it with other
//! members' splices character by character. Positions are in Unicode scalar values, Automerge's
//! text unit here; [`utf16_to_chars`] and [`chars_to_utf16`] convert the browser's caret offsets.

/// Replace `delete` characters at `start` with `insert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// Where, in characters.
    pub start: usize,
    /// How many characters go.
    pub delete: usize,
    /// What comes in.
    pub insert: String,
}

/// The single splice that turns `old` into `new`; `None` when they are equal. When the edit is
/// ambiguous (typing "a" into "aa"), the splice is placed as far right as the caret `hint` (in
/// characters) allows, so the inserted text is attributed where the user typed it.
pub fn splice_between(old: &str, new: &str, hint: Option<usize>) -> Option<Splice> {
    if old == new {
        return None;
    }
    let old: Vec<char> = old.chars().collect();
    let new: Vec<char> = new.chars().collect();
    let mut prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    // With the caret known, an ambiguous insertion ends at the caret.
    if let Some(caret) = hint {
        let inserted = new.len().saturating_sub(old.len());
        if new.len() > old.len() && caret >= inserted && caret - inserted < prefix {
            let start = caret - inserted;
            if old[..start] == new[..start] && old[start..] == new[caret..] {
                prefix = start;
                return Some(Splice {
                    start: prefix,
                    delete: 0,
                    insert: new[start..caret].iter().collect(),
                });
            }
        }
    }
    Some(Splice {
        start: prefix,
        delete: old.len() - prefix - suffix,
        insert: new[prefix..new.len() - suffix].iter().collect(),
    })
}

/// Where a caret (in characters) ends up after `splice` was applied by someone else: after the
/// splice if it was after it, at its start if it was inside what was deleted, unchanged before.
pub fn move_caret(caret: usize, splice: &Splice) -> usize {
    let inserted = splice.insert.chars().count();
    if caret <= splice.start {
        caret
    } else if caret >= splice.start + splice.delete {
        caret - splice.delete + inserted
    } else {
        splice.start + inserted
    }
}

/// A UTF-16 offset (the browser's `selectionStart`) as a character index into `text`.
pub fn utf16_to_chars(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (index, c) in text.chars().enumerate() {
        if units >= utf16 {
            return index;
        }
        units += c.len_utf16();
    }
    text.chars().count()
}

/// A character index as a UTF-16 offset (for `setSelectionRange`).
pub fn chars_to_utf16(text: &str, chars: usize) -> usize {
    text.chars().take(chars).map(char::len_utf16).sum()
}

/// The length in UTF-16 units of the `count` characters of `text` from character `start`.
pub fn chars_to_utf16_len(text: &str, start: usize, count: usize) -> usize {
    text.chars()
        .skip(start)
        .take(count)
        .map(char::len_utf16)
        .sum()
}

/// The size in bytes of what `splice` inserts, when that alone is over the limit of one change
/// ([`sync_core::limits::MAX_CHANGE_BYTES`]): a paste that must be refused before Automerge
/// sees it (a 20 MB paste would cost seconds of work and memory only to be undone).
pub fn oversized(splice: &Splice) -> Option<usize> {
    let bytes = splice.insert.len();
    (bytes > sync_core::limits::MAX_CHANGE_BYTES).then_some(bytes)
}

/// The message for a refused change of `bytes`, from its template (`{size}`, `{limit}`).
pub fn too_large_message(template: &str, bytes: usize) -> String {
    let limit = sync_core::limits::MAX_CHANGE_BYTES as u64;
    template
        .replace("{size}", &super::size_label(bytes as u64))
        .replace("{limit}", &super::size_label(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_over_the_change_limit_is_caught_before_it_is_applied() {
        let limit = sync_core::limits::MAX_CHANGE_BYTES;
        let typed = Splice {
            start: 0,
            delete: 0,
            insert: "שלום".into(),
        };
        assert_eq!(oversized(&typed), None);
        let paste = Splice {
            start: 3,
            delete: 2,
            insert: "א".repeat(limit / 2 + 1), // two bytes each in UTF-8
        };
        assert_eq!(oversized(&paste), Some(limit + 2));
        assert_eq!(
            too_large_message("{size} / {limit}", 20 * 1024 * 1024),
            "20 MB / 1 MB"
        );
    }

    fn apply(text: &str, s: &Splice) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out: String = chars[..s.start].iter().collect();
        out.push_str(&s.insert);
        out.extend(&chars[s.start + s.delete..]);
        out
    }

    #[test]
    fn typing_deleting_and_pasting_are_one_splice() {
        let cases = [
            ("שלום", "שלום עולם", None),
            ("שלום עולם", "שלום", None),
            ("abc", "aXc", None),
            ("", "new text", None),
            ("gone", "", None),
            ("Kehila קהילה", "Kehila — קהילה", None),
        ];
        for (old, new, hint) in cases {
            let splice = splice_between(old, new, hint).unwrap();
            assert_eq!(apply(old, &splice), new, "{old:?} → {new:?}");
        }
        assert_eq!(splice_between("same", "same", None), None);
    }

    #[test]
    fn an_ambiguous_insertion_goes_where_the_caret_is() {
        // Typing "a" at the start of "aa": without the caret it looks like an append.
        let splice = splice_between("aa", "aaa", Some(1)).unwrap();
        assert_eq!(
            splice,
            Splice {
                start: 0,
                delete: 0,
                insert: "a".into()
            }
        );
        assert_eq!(splice_between("aa", "aaa", None).unwrap().start, 2);
        // A caret that does not fit the edit is ignored.
        let odd = splice_between("ab", "abc", Some(0)).unwrap();
        assert_eq!(apply("ab", &odd), "abc");
    }

    #[test]
    fn a_remote_edit_moves_the_caret_only_when_it_is_before_it() {
        let insert = Splice {
            start: 2,
            delete: 0,
            insert: "xyz".into(),
        };
        assert_eq!(move_caret(1, &insert), 1);
        assert_eq!(move_caret(2, &insert), 2);
        assert_eq!(move_caret(5, &insert), 8);
        let delete = Splice {
            start: 2,
            delete: 3,
            insert: String::new(),
        };
        assert_eq!(move_caret(3, &delete), 2, "inside the deleted text");
        assert_eq!(move_caret(9, &delete), 6);
    }

    #[test]
    fn utf16_offsets_convert_to_characters_and_back() {
        let text = "a😀בּc"; // an astral emoji (2 units) and a Hebrew letter with dagesh (2 chars)
        assert_eq!(utf16_to_chars(text, 0), 0);
        assert_eq!(utf16_to_chars(text, 1), 1);
        assert_eq!(utf16_to_chars(text, 3), 2);
        assert_eq!(chars_to_utf16(text, 2), 3);
        assert_eq!(utf16_to_chars(text, 99), text.chars().count());
        for chars in 0..=text.chars().count() {
            assert_eq!(utf16_to_chars(text, chars_to_utf16(text, chars)), chars);
        }
        // The run a remote splice replaces in the field: the emoji and the letter, 3 units.
        assert_eq!(chars_to_utf16_len(text, 1, 2), 3);
        assert_eq!(
            chars_to_utf16_len(text, 4, 9),
            1,
            "past the end: what there is"
        );
    }
}
