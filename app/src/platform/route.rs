//! Feature pages and the path parameter.
//!
//! The shell routes `/<key>/…` to the feature whose key is `<key>`, then matches the rest of the
//! path against the feature's [`Page`]s in order: a literal (`"new"`) matches itself, `":name"`
//! matches any one segment and hands it to the page as [`use_param`]. Navigating between two
//! paths of the same page (one entry to another) keeps the page and changes the parameter.

use leptos::prelude::*;

/// One page of a feature.
pub struct Page {
    /// The path after the feature's key: `""` (the feature's own page), a literal, or `":name"`.
    pub path: &'static str,
    /// The page.
    pub view: fn() -> AnyView,
}

/// Where a path leads: the feature's key, the page's index in its list, and the parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// The feature's key.
    pub feature: String,
    /// Which of the feature's pages.
    pub page: usize,
    /// The `:name` segment, decoded, or empty.
    pub param: String,
}

/// Matches `path` (`/glossary/t-1`) against `features` (key and page paths). Pure.
pub fn match_path<'a>(
    path: &str,
    features: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
) -> Option<Matched> {
    let path = path.trim_matches('/');
    let (first, rest) = path.split_once('/').unwrap_or((path, ""));
    let (key, pages) = features.into_iter().find(|(key, _)| *key == first)?;
    let rest = rest.trim_end_matches('/');
    let literal = pages.iter().position(|p| !p.starts_with(':') && *p == rest);
    let (page, param) = match literal {
        Some(page) => (page, String::new()),
        None if !rest.is_empty() && !rest.contains('/') => {
            let page = pages.iter().position(|p| p.starts_with(':'))?;
            (page, decode(rest))
        }
        None => return None,
    };
    Some(Matched {
        feature: key.to_string(),
        page,
        param,
    })
}

/// Percent-decodes a path segment (Hebrew ids arrive encoded); undecodable input stays as is.
fn decode(segment: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(high * 16 + low);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_string())
}

/// The current page's `:name` parameter, in context.
#[derive(Clone, Copy)]
pub struct PageParam(pub Memo<String>);

/// The current page's `:name` parameter (empty on pages without one).
pub fn use_param() -> Memo<String> {
    use_context::<PageParam>().map_or_else(|| Memo::new(|_| String::new()), |p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features() -> Vec<(&'static str, Vec<&'static str>)> {
        vec![
            ("glossary", vec!["", "new", "transfer", ":id"]),
            ("community", vec![""]),
        ]
    }

    fn at(path: &str) -> Option<(String, usize, String)> {
        match_path(path, features()).map(|m| (m.feature, m.page, m.param))
    }

    #[test]
    fn literals_win_over_parameters() {
        assert_eq!(at("/glossary"), Some(("glossary".into(), 0, String::new())));
        assert_eq!(
            at("/glossary/"),
            Some(("glossary".into(), 0, String::new()))
        );
        assert_eq!(
            at("/glossary/new"),
            Some(("glossary".into(), 1, String::new()))
        );
        assert_eq!(
            at("/glossary/transfer"),
            Some(("glossary".into(), 2, String::new()))
        );
        assert_eq!(
            at("/glossary/t-1"),
            Some(("glossary".into(), 3, "t-1".into()))
        );
        assert_eq!(
            at("/community"),
            Some(("community".into(), 0, String::new()))
        );
    }

    #[test]
    fn unknown_paths_match_nothing() {
        assert_eq!(at("/nowhere"), None);
        assert_eq!(at("/community/extra"), None, "no parameter page");
        assert_eq!(at("/glossary/a/b"), None, "one segment only");
        assert_eq!(at("/"), None, "home is the shell's");
    }

    #[test]
    fn parameters_are_decoded() {
        assert_eq!(at("/glossary/%D7%90-1").map(|m| m.2), Some("א-1".into()));
        assert_eq!(at("/glossary/50%").map(|m| m.2), Some("50%".into()));
    }
}
