//! Languages, and how features write their strings.
//!
//! Each feature keeps its own strings in its own `strings.rs`, Hebrew and English side by side,
//! written with [`strings!`](crate::strings) (see [`table`]): the compiler refuses a string given
//! in one language only, and each table checks its own scripts. Components read their feature's
//! table through its `use_strings()`; the language itself is a signal in context
//! ([`provide_language`]) that is remembered per device (localStorage) and mirrored onto
//! `<html lang dir>`.

pub mod settings;
pub mod strings;
pub mod table;

use leptos::prelude::*;

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Hebrew, right-to-left: the default, the community's working language.
    #[default]
    He,
    /// English, left-to-right.
    En,
}

impl Lang {
    /// The BCP 47 code, as used in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::He => "he",
            Lang::En => "en",
        }
    }

    /// The writing direction, as used in `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::He => "rtl",
            Lang::En => "ltr",
        }
    }

    /// The other language (what the header's switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::He => Lang::En,
            Lang::En => Lang::He,
        }
    }

    /// The language's own name for itself, shown on switches.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::He => "עברית",
            Lang::En => "English",
        }
    }

    /// Parses a stored code; anything unknown is `None` (and the caller falls back to Hebrew).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "he" => Some(Lang::He),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Fills a string's `{name}` placeholder: `fill(s.sync_saved, "n", 3)`.
pub fn fill(template: &str, name: &str, value: impl std::fmt::Display) -> String {
    template.replace(&format!("{{{name}}}"), &value.to_string())
}

/// `n` of something, in the form the number asks for: `count(1, "1 term", "{n} terms")` is
/// "1 term", `count(3, …)` "3 terms". Both languages need only these two forms for the nouns
/// Kehila counts (Hebrew "מונח אחד" / "{n} מונחים"; the dual is not used for them).
pub fn count(n: usize, one: &str, other: &str) -> String {
    fill(if n == 1 { one } else { other }, "n", n)
}

/// `text` isolated for a sentence in either direction (FSI … PDI): a name, a date or a term
/// put inside a sentence keeps its own direction and does not reorder the words around it
/// ("Last changed by יוסי, 12/1/2026, 6:23 PM" stays in that order in English).
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// The localStorage key holding the device's language choice.
pub const LANGUAGE_STORAGE_KEY: &str = "kehila.lang";

/// The device's remembered language, or Hebrew when none (or an unknown one) is stored.
pub fn stored_language() -> Lang {
    crate::browser::stored(LANGUAGE_STORAGE_KEY)
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Remembers `lang` on this device. Storage can be unavailable (private mode, quota): the choice
/// then lasts for this visit only, which is the best we can do.
pub fn remember_language(lang: Lang) {
    crate::browser::store(LANGUAGE_STORAGE_KEY, lang.code());
}

/// Sets `<html lang dir>` to `lang`, so the browser, screen readers and CSS logical properties
/// all follow the language.
pub fn apply_to_document(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
}

/// Puts the language signal in context, starting from the device's stored choice, and keeps
/// `<html>` and storage in step with it. Call once, at the root.
pub fn provide_language() -> RwSignal<Lang> {
    let lang = RwSignal::new(stored_language());
    provide_context(lang);
    Effect::new(move |_| {
        let current = lang.get();
        apply_to_document(current);
        remember_language(current);
    });
    lang
}

/// The language signal provided at the root.
pub fn use_language() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_singular_for_one_and_the_plural_otherwise() {
        assert_eq!(count(1, "מונח אחד", "{n} מונחים"), "מונח אחד");
        assert_eq!(count(0, "מונח אחד", "{n} מונחים"), "0 מונחים");
        assert_eq!(count(2, "1 term", "{n} terms"), "2 terms");
        assert_eq!(count(1, "1 term", "{n} terms"), "1 term");
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for lang in [Lang::He, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn hebrew_is_the_rtl_default() {
        assert_eq!(Lang::default(), Lang::He);
        assert_eq!(Lang::He.dir(), "rtl");
        assert_eq!(Lang::En.dir(), "ltr");
        assert_eq!(Lang::He.other(), Lang::En);
    }
}
