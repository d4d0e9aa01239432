//! The relay's refusals in the member's language: its JSON errors carry a code
//! ([`sync_core::api_error`]) beside an English message meant for logs and scripts.

use sync_core::api_error as code;
use wasm_bindgen::JsValue;

use super::strings::Strings;
use crate::i18n::fill;

/// The code in a relay answer (`{"error": …, "code": …}`), if any.
pub fn code_of(json: &JsValue) -> Option<String> {
    js_sys::Reflect::get(json, &"code".into())
        .ok()
        .and_then(|c| c.as_string())
}

/// What a refusal with `code` (and HTTP `status`) means, in words.
pub fn refusal_text(status: u16, code: Option<&str>, s: &'static Strings) -> String {
    match code {
        Some(code::INVALID_TOKEN) => s.err_invalid_invite.to_string(),
        Some(code::FORBIDDEN) => s.err_forbidden.to_string(),
        Some(code::LINK_USED) => s.err_link_used.to_string(),
        Some(code::TOO_MANY_LINKS) => s.err_too_many_links.to_string(),
        Some(code::BAD_LABEL) => s.err_label.to_string(),
        _ => fill(s.err_other, "status", status),
    }
}

/// A relay answer's refusal in words.
pub fn answer_text(status: u16, json: &JsValue, s: &'static Strings) -> String {
    refusal_text(status, code_of(json).as_deref(), s)
}

#[cfg(test)]
mod tests {
    use super::super::strings::{EN, HE};
    use super::*;

    #[test]
    fn every_refusal_a_member_can_meet_has_its_own_words_in_both_languages() {
        let specific = [
            code::INVALID_TOKEN,
            code::FORBIDDEN,
            code::LINK_USED,
            code::TOO_MANY_LINKS,
            code::BAD_LABEL,
        ];
        for s in [&HE, &EN] {
            let generic = refusal_text(400, None, s);
            assert!(generic.contains("400"), "{generic}");
            let mut seen = Vec::new();
            for c in specific {
                let text = refusal_text(400, Some(c), s);
                assert_ne!(text, generic, "{c}");
                assert!(!text.contains("invalid or expired"), "translated: {text}");
                assert!(!seen.contains(&text), "{c} says what another code says");
                seen.push(text);
            }
            // The rest are the relay's own failures: said with the status, not a made-up cause.
            for c in code::ALL.into_iter().filter(|c| !specific.contains(c)) {
                assert_eq!(refusal_text(500, Some(c), s), refusal_text(500, None, s));
            }
        }
    }
}
