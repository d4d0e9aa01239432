//! Access: communities, invitation links and sessions (DESIGN.md §5).
//!
//! Kehila has no accounts. An admin mints an **invite link** for a role (viewer, member, admin)
//! with an expiry; the link carries a token in its URL fragment, so it never reaches a server
//! log. The app exchanges it (`POST /api/session`) for an HttpOnly, SameSite=Strict session
//! cookie; scripts present the token as `Authorization: Bearer …` instead. Every token is
//! `base64url(payload).base64url(HMAC-SHA256(secret, payload))`, verified in constant time, and
//! names the invite it came from, so revoking an invite ends every session made from it.
//!
//! The secret is 32 random bytes in `data/secret.key`, created on first start with mode 0600.

use std::{
    io::Write,
    path::Path,
    time::{SystemTime, UNIX_EPOCH},
};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::StartError;
use sync_core::ids::DocumentId;

/// The secret key file in the data folder.
pub const SECRET_FILE: &str = "secret.key";
/// How long a session lasts after the invite is exchanged, at most. Why: a phone stays signed in
/// for a month of meetings, yet a lost device does not keep access forever.
pub const SESSION_SECONDS: u64 = 30 * 24 * 3600;
/// The first admin link printed at first start is valid this long. Why: the operator needs time
/// to open it; after that they mint new ones from the app.
pub const FIRST_ADMIN_INVITE_SECONDS: u64 = 7 * 24 * 3600;
/// Longest expiry an admin may give an invite. Why: invite links travel through chat groups;
/// they must not grant access indefinitely.
pub const MAX_INVITE_SECONDS: u64 = 90 * 24 * 3600;

pub use sync_core::roles::Role;

mod store;
pub use store::{
    AccessStore, InviteInfo, DEVICE_LINK_SECONDS, MAX_DEVICE_LINKS_PER_INVITE,
    MAX_INVITE_LABEL_CHARS, MAX_OPEN_DEVICE_LINKS,
};

/// A verified right to one community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The community.
    pub community: String,
    /// What the holder may do.
    pub role: Role,
    /// The invite the grant descends from (revoking it ends the grant).
    pub invite: String,
    /// Unix seconds after which the grant is void.
    pub expires: u64,
}

/// Which kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// From an invite link.
    Invite,
    /// From a session cookie.
    Session,
}

impl TokenKind {
    fn tag(self) -> &'static str {
        match self {
            TokenKind::Invite => "i",
            TokenKind::Session => "s",
        }
    }
}

/// Why a token or request was refused. Deliberately vague towards the client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Missing, malformed, tampered, expired, revoked or of the wrong kind.
    #[error("invalid or expired invitation")]
    InvalidToken,
    /// Valid, but the role does not allow this.
    #[error("your role does not allow this")]
    Forbidden,
    /// A one-time device link that has been used already.
    #[error("this device link was already used")]
    LinkUsed,
}

/// The relay's signing key.
pub struct Keys {
    secret: [u8; 32],
}

impl Keys {
    /// Reads `data_dir/secret.key`, creating it (random, mode 0600) on first start.
    ///
    /// # Errors
    /// [`StartError::DataDir`] if the file cannot be read or written, or is not 32 bytes.
    pub fn load_or_create(data_dir: &Path) -> Result<Keys, StartError> {
        let path = data_dir.join(SECRET_FILE);
        let io = |source| StartError::DataDir {
            path: path.clone(),
            source,
        };
        if let Ok(bytes) = std::fs::read(&path) {
            let secret: [u8; 32] = bytes.try_into().map_err(|_| {
                io(std::io::Error::other(
                    "the secret key file is damaged (not 32 bytes)",
                ))
            })?;
            return Ok(Keys { secret });
        }
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| io(std::io::Error::other(e.to_string())))?;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(io)?;
        file.write_all(&secret).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(Keys { secret })
    }

    /// Keys from raw bytes (tests).
    pub fn from_secret(secret: [u8; 32]) -> Keys {
        Keys { secret }
    }

    /// The id of one of a community's well-known documents (`"root"`, `"glossary"`): a keyed
    /// hash of the community and the name, so every member's device opens the same document
    /// without a round of coordination, and nobody outside the community can guess the id.
    pub fn well_known_document(&self, community: &str, name: &str) -> DocumentId {
        let mac = self.mac(format!("document.{community}.{name}").as_bytes());
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&mac[..16]);
        DocumentId::from_random_bytes(bytes)
    }

    /// Signs a grant as a token of `kind`.
    pub fn sign(&self, kind: TokenKind, grant: &Grant) -> String {
        let payload = format!(
            "{}.{}.{}.{}.{}",
            kind.tag(),
            grant.invite,
            grant.community,
            grant.role.as_str(),
            grant.expires
        );
        let mac = self.mac(payload.as_bytes());
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(mac)
        )
    }

    /// Verifies a token's signature (constant time), kind and expiry at `now` (unix seconds).
    /// Revocation is checked by [`AccessStore::check`].
    ///
    /// # Errors
    /// [`Refusal::InvalidToken`] for anything but a valid, unexpired token of `kind`.
    pub fn verify(&self, kind: TokenKind, token: &str, now: u64) -> Result<Grant, Refusal> {
        let (payload, mac) = token.split_once('.').ok_or(Refusal::InvalidToken)?;
        let payload = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| Refusal::InvalidToken)?;
        let mac = URL_SAFE_NO_PAD
            .decode(mac)
            .map_err(|_| Refusal::InvalidToken)?;
        let mut check = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .map_err(|_| Refusal::InvalidToken)?;
        check.update(&payload);
        check
            .verify_slice(&mac)
            .map_err(|_| Refusal::InvalidToken)?;
        let payload = String::from_utf8(payload).map_err(|_| Refusal::InvalidToken)?;
        let parts: Vec<&str> = payload.split('.').collect();
        let [tag, invite, community, role, expires] = parts[..] else {
            return Err(Refusal::InvalidToken);
        };
        let grant = Grant {
            community: community.to_string(),
            role: Role::parse(role).ok_or(Refusal::InvalidToken)?,
            invite: invite.to_string(),
            expires: expires.parse().map_err(|_| Refusal::InvalidToken)?,
        };
        if tag != kind.tag() || grant.expires <= now {
            return Err(Refusal::InvalidToken);
        }
        Ok(grant)
    }

    fn mac(&self, payload: &[u8]) -> Vec<u8> {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.secret).expect("HMAC takes any key length");
        mac.update(payload);
        mac.finalize().into_bytes().to_vec()
    }
}

/// Unix seconds now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
