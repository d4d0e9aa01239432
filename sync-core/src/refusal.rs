//! Refusals about one document, in a form both ends parse.
//!
//! Most refusals end a connection because the peer broke the protocol. These do not mean the
//! member did anything wrong: a document (or the whole community) has reached the relay's size
//! limit, or a change is too large to send. The member's app then **holds that one document
//! back** — its changes stay on the device, shown in the sync badge — and keeps syncing every
//! other document; it says why in the member's language, from [`Refusal::code`].
//!
//! On the wire a refusal is an automerge-repo `error` message whose text starts with a code and
//! the document's URL (`document-full automerge:… 16777216: …`), so an automerge-repo client
//! still sees a readable reason, and ours finds the document with [`Refusal::parse`].

use crate::ids::DocumentId;

/// Why changes to one document are not shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The relay refused: the document's stored size would pass `limit` bytes.
    DocumentFull {
        /// The document.
        document: DocumentId,
        /// The relay's limit, in bytes.
        limit: u64,
    },
    /// The relay refused: the community's documents together would pass `limit` bytes.
    CommunityFull {
        /// The document being written.
        document: DocumentId,
        /// The relay's limit, in bytes.
        limit: u64,
    },
    /// Decided on this device: the changes waiting to be sent do not fit in one frame
    /// ([`crate::limits::MAX_FRAME_BYTES`]), so sending them would only be refused.
    TooLargeToSend {
        /// The document.
        document: DocumentId,
    },
}

impl Refusal {
    /// The document refused.
    pub fn document(&self) -> DocumentId {
        match self {
            Refusal::DocumentFull { document, .. }
            | Refusal::CommunityFull { document, .. }
            | Refusal::TooLargeToSend { document } => *document,
        }
    }

    /// A stable code (the wire prefix, and the key of the app's strings).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::DocumentFull { .. } => "document-full",
            Refusal::CommunityFull { .. } => "community-full",
            Refusal::TooLargeToSend { .. } => "too-large-to-send",
        }
    }

    /// The limit involved, in bytes.
    pub fn limit(&self) -> u64 {
        match self {
            Refusal::DocumentFull { limit, .. } | Refusal::CommunityFull { limit, .. } => *limit,
            Refusal::TooLargeToSend { .. } => crate::limits::MAX_FRAME_BYTES as u64,
        }
    }

    /// The text of the `error` message: code, document URL, limit, then an English reason.
    pub fn message(&self) -> String {
        let reason = match self {
            Refusal::DocumentFull { .. } => "this document has reached the relay's size limit",
            Refusal::CommunityFull { .. } => "this community has reached the relay's storage limit",
            Refusal::TooLargeToSend { .. } => "these changes are too large to send",
        };
        format!(
            "{} {} {}: {reason}",
            self.code(),
            self.document().url(),
            self.limit()
        )
    }

    /// Reads a refusal the relay sent; `None` for any other `error` text.
    pub fn parse(message: &str) -> Option<Self> {
        let mut words = message.splitn(4, ' ');
        let code = words.next()?;
        let document = DocumentId::from_url(words.next()?).ok()?;
        let limit: u64 = words.next()?.strip_suffix(':')?.parse().ok()?;
        match code {
            "document-full" => Some(Refusal::DocumentFull { document, limit }),
            "community-full" => Some(Refusal::CommunityFull { document, limit }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_refusals_round_trip_through_their_message() {
        let document = DocumentId::from_random_bytes([7; 16]);
        for refusal in [
            Refusal::DocumentFull {
                document,
                limit: 16 << 20,
            },
            Refusal::CommunityFull {
                document,
                limit: 1 << 30,
            },
        ] {
            let text = refusal.message();
            assert!(text.starts_with(refusal.code()), "{text}");
            assert!(text.contains("limit"), "an English reason follows: {text}");
            assert_eq!(Refusal::parse(&text), Some(refusal));
        }
    }

    #[test]
    fn other_error_texts_are_not_refusals() {
        let document = DocumentId::from_random_bytes([7; 16]);
        for text in [
            String::new(),
            "refused sync message: bloom filter".into(),
            format!("document-full {} lots: x", document.url()),
            "document-full not-a-url 5: x".to_string(),
            format!("unknown-code {} 5: x", document.url()),
            // Only the relay's refusals are parsed: this one is decided on a device.
            Refusal::TooLargeToSend { document }.message(),
        ] {
            assert_eq!(Refusal::parse(&text), None, "{text}");
        }
    }
}
