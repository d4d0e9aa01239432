//! [`strings!`](crate::strings): one feature's UI strings, Hebrew and English side by side.
//!
//! Each feature writes its strings once, in its own `strings.rs`:
//!
//! ```text
//! crate::strings! {
//!     /// The page heading.
//!     title: "מילון מונחים", "Glossary";
//! }
//! ```
//!
//! The macro makes the module's `Strings` struct, its `HE` and `EN` tables, `of(lang)` and
//! `use_strings()`, so the compiler refuses a string given in one language only. It also writes
//! the module's own test that every Hebrew string has Hebrew letters and no English one does: a
//! new table is checked without being added to any list. A field marked `@mixed` (the language
//! switch, which names the other language on purpose) is exempt from the script check.

/// Declares the calling module's string table; see [the module docs](self).
#[macro_export]
macro_rules! strings {
    ($( $(#[$meta:meta])* $(@$mixed:ident)? $field:ident : $he:literal , $en:literal ; )*) => {
        /// This module's UI strings, in one language.
        #[derive(Debug)]
        pub struct Strings {
            $( $(#[$meta])* pub $field: &'static str, )*
        }

        /// Hebrew: the default.
        pub static HE: Strings = Strings { $( $field: $he, )* };
        /// English.
        pub static EN: Strings = Strings { $( $field: $en, )* };

        /// The table for `lang`.
        pub fn of(lang: $crate::i18n::Lang) -> &'static Strings {
            match lang {
                $crate::i18n::Lang::He => &HE,
                $crate::i18n::Lang::En => &EN,
            }
        }

        /// The current table, reactive: read it inside a closure in `view!`.
        pub fn use_strings() -> ::leptos::prelude::Signal<&'static Strings> {
            let lang = $crate::i18n::use_language();
            ::leptos::prelude::Signal::derive(move || {
                of(::leptos::prelude::Get::get(&lang))
            })
        }

        impl Strings {
            /// Every string of the table: `(field, text, exempt from the script check)`.
            pub fn all(&self) -> Vec<(&'static str, &'static str, bool)> {
                vec![$( (stringify!($field), self.$field, !stringify!($($mixed)?).is_empty()), )*]
            }
        }

        #[cfg(test)]
        mod strings_table {
            #[test]
            fn every_string_is_in_its_own_language() {
                $crate::i18n::table::check_scripts(&super::HE.all(), &super::EN.all());
            }
        }
    };
}

/// Hebrew letters (the block's letters and points).
fn is_hebrew(c: char) -> bool {
    ('\u{0590}'..='\u{05FF}').contains(&c)
}

/// Panics unless every Hebrew string has Hebrew letters and every English one is non-blank and
/// has none (fields marked exempt are skipped). A blank string would show an empty label; one
/// left in the other language would mix scripts.
pub fn check_scripts(he: &[(&str, &str, bool)], en: &[(&str, &str, bool)]) {
    assert_eq!(he.len(), en.len(), "the macro keeps the tables in step");
    for &(field, text, exempt) in he {
        assert!(
            exempt || text.chars().any(is_hebrew),
            "{field}: not Hebrew: {text:?}"
        );
    }
    for &(field, text, exempt) in en {
        assert!(!text.trim().is_empty(), "{field}: blank");
        assert!(
            exempt || !text.chars().any(is_hebrew),
            "{field}: Hebrew in the English table: {text:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::check_scripts;

    #[test]
    #[should_panic(expected = "not Hebrew")]
    fn an_english_string_in_the_hebrew_table_is_found() {
        check_scripts(
            &[("title", "Glossary", false)],
            &[("title", "Glossary", false)],
        );
    }

    #[test]
    #[should_panic(expected = "Hebrew in the English table")]
    fn a_hebrew_string_in_the_english_table_is_found() {
        check_scripts(&[("title", "מונחים", false)], &[("title", "מונחים", false)]);
    }

    #[test]
    fn a_mixed_field_is_exempt() {
        check_scripts(
            &[("switch", "Switch to English", true)],
            &[("switch", "עברית", true)],
        );
    }
}
