//! Identifiers as automerge-repo makes them: document ids, `automerge:` URLs, peer ids.
//!
//! A document id is the 16 bytes of a random (v4) UUID; its text form is bs58check (Bitcoin
//! alphabet, 4-byte double-SHA-256 checksum), and its URL is `automerge:<text>`. Ids are parsed
//! here, at the boundary, and travel as [`DocumentId`] everywhere else: no storage key or path is
//! ever built from an unparsed string.

use std::{fmt, str::FromStr};

/// The prefix of an automerge-repo document URL.
pub const URL_PREFIX: &str = "automerge:";

/// A document's id: 16 bytes, shown as bs58check.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId([u8; 16]);

/// Why a string is not a document id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidDocumentId {
    /// Not bs58check text, or its checksum does not match.
    #[error("not a bs58check string")]
    NotBs58Check,
    /// Valid bs58check, but not 16 bytes long (both automerge-repo and samod make 16).
    #[error("a document id is 16 bytes, this is {0}")]
    WrongLength(usize),
    /// A URL without the `automerge:` prefix.
    #[error("an automerge URL starts with `automerge:`")]
    NotAnAutomergeUrl,
}

impl DocumentId {
    /// A new id from 16 random bytes (the caller owns randomness: this crate does no IO), with
    /// the UUID v4 version and variant bits set, as automerge-repo does.
    pub fn from_random_bytes(mut bytes: [u8; 16]) -> Self {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        Self(bytes)
    }

    /// The id from its raw 16 bytes.
    ///
    /// # Errors
    /// [`InvalidDocumentId::WrongLength`] unless `bytes` is 16 bytes long.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, InvalidDocumentId> {
        <[u8; 16]>::try_from(bytes)
            .map(Self)
            .map_err(|_| InvalidDocumentId::WrongLength(bytes.len()))
    }

    /// The raw 16 bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// `automerge:<id>`.
    pub fn url(&self) -> String {
        format!("{URL_PREFIX}{self}")
    }

    /// Parses `automerge:<id>` (a `#heads` or `/path` suffix is ignored).
    ///
    /// # Errors
    /// [`InvalidDocumentId`] when the prefix or the id is wrong.
    pub fn from_url(url: &str) -> Result<Self, InvalidDocumentId> {
        let rest = url
            .strip_prefix(URL_PREFIX)
            .ok_or(InvalidDocumentId::NotAnAutomergeUrl)?;
        let id = rest.split(['#', '/']).next().unwrap_or_default();
        id.parse()
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&bs58::encode(self.0).with_check().into_string())
    }
}

impl fmt::Debug for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocumentId({self})")
    }
}

impl FromStr for DocumentId {
    type Err = InvalidDocumentId;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = bs58::decode(text)
            .with_check(None)
            .into_vec()
            .map_err(|_| InvalidDocumentId::NotBs58Check)?;
        Self::from_bytes(&bytes)
    }
}

/// A string id with a type of its own, so one kind of id cannot be passed where another is
/// expected. It reads as `&str` (`Deref`), and is looked up in maps by `&str` (`Borrow`).
macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(String);

        impl $name {
            /// The id `text`.
            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_string())
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

text_id!(
    /// A peer's id on the wire: free text chosen by the peer (`peer-…` by convention). The relay
    /// holds each connection to the peer id of its handshake (an ephemeral message must carry it).
    PeerId
);

text_id!(
    /// The community a connection, or a stored document, belongs to. **The scope invariant**: a
    /// connection reaches a document only when their scopes are equal; the hub compares
    /// `Scope`s, never free strings, so a peer id or a document id cannot stand in for one.
    Scope
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bs58check_matches_automerge_repo() {
        // Vectors computed independently (Python, double SHA-256 checksum, Bitcoin alphabet)
        // and from automerge-repo's documentation example.
        let bytes: [u8; 16] = [
            0x6f, 0x1b, 0x3c, 0x0a, 0x9d, 0x2e, 0x4f, 0x5a, 0x8b, 0x7c, 0x1d, 0x2e, 0x3f, 0x40,
            0x51, 0x62,
        ];
        let id = DocumentId::from_bytes(&bytes).unwrap();
        assert_eq!(id.to_string(), "2Yn8cJL2CLDcnrebsvtewzKC8xiq");
        assert_eq!("2Yn8cJL2CLDcnrebsvtewzKC8xiq".parse::<DocumentId>(), Ok(id));
        let doc_example: DocumentId = "4NMNnkMhL8jXrdJ9jamS58PAVdXu".parse().unwrap();
        assert_eq!(
            doc_example.as_bytes(),
            &[
                0xf1, 0xc2, 0x9c, 0x84, 0x74, 0xc8, 0x4a, 0xde, 0xb8, 0x00, 0xbe, 0x47, 0x62, 0x7d,
                0x33, 0xbf
            ]
        );
    }

    #[test]
    fn urls_round_trip_and_bad_ids_are_refused() {
        let id = DocumentId::from_random_bytes([7; 16]);
        assert_eq!(id.as_bytes()[6] >> 4, 4, "UUID version 4");
        assert_eq!(id.as_bytes()[8] >> 6, 0b10, "RFC 4122 variant");
        assert_eq!(DocumentId::from_url(&id.url()), Ok(id));
        assert_eq!(DocumentId::from_url(&format!("{}#abc", id.url())), Ok(id));
        assert_eq!(
            DocumentId::from_url(&id.to_string()),
            Err(InvalidDocumentId::NotAnAutomergeUrl)
        );
        let mut tampered = id.to_string();
        let last = tampered.pop().unwrap();
        tampered.push(if last == 'a' { 'b' } else { 'a' });
        assert_eq!(
            tampered.parse::<DocumentId>(),
            Err(InvalidDocumentId::NotBs58Check)
        );
        let short = bs58::encode([1u8; 8]).with_check().into_string();
        assert_eq!(
            short.parse::<DocumentId>(),
            Err(InvalidDocumentId::WrongLength(8))
        );
        assert!("".parse::<DocumentId>().is_err());
    }
}
