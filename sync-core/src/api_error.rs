//! The codes of the relay's JSON API errors (`{"error": "…", "code": "…"}`): the message is
//! English, for logs and scripts; the app says what a code means in the member's language.

/// A token that is missing, malformed, tampered with, expired or revoked.
pub const INVALID_TOKEN: &str = "invalid-token";
/// Valid credentials whose role does not allow the request.
pub const FORBIDDEN: &str = "forbidden";
/// A one-time device link used a second time.
pub const LINK_USED: &str = "link-used";
/// Too many device links open at once.
pub const TOO_MANY_LINKS: &str = "too-many-links";
/// An invitation's name too long or with control characters.
pub const BAD_LABEL: &str = "bad-label";
/// Any other malformed request (a role or expiry out of range).
pub const BAD_REQUEST: &str = "bad-request";
/// What the request names does not exist.
pub const NOT_FOUND: &str = "not-found";
/// The relay failed.
pub const INTERNAL: &str = "internal";

/// Every code, for the app's check that each has words.
pub const ALL: [&str; 8] = [
    INVALID_TOKEN,
    FORBIDDEN,
    LINK_USED,
    TOO_MANY_LINKS,
    BAD_LABEL,
    BAD_REQUEST,
    NOT_FOUND,
    INTERNAL,
];
