//! Who this device is: a member id made on first use and a display name the person chooses.
//! No account: the id lives in localStorage and is shared by the browser's tabs; the name is
//! also written into the community's member list so everyone sees it.

/// localStorage key of the identity (`<id>\n<name>`).
pub const IDENTITY_STORAGE_KEY: &str = "kehila.member";

/// Longest display name, in characters. Why: it is shown in lists and presence on phones, and
/// sent with every heartbeat.
pub const MAX_NAME_CHARS: usize = 60;

/// The member's id and display name on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Random, made on first use.
    pub id: String,
    /// Chosen by the person; empty until they do.
    pub name: String,
}

/// The stored identity, if this device has one.
pub fn stored_identity() -> Option<Identity> {
    let text = crate::browser::stored(IDENTITY_STORAGE_KEY)?;
    let (id, name) = text.split_once('\n').unwrap_or((&text, ""));
    (!id.is_empty()).then(|| Identity {
        id: id.to_string(),
        name: name.to_string(),
    })
}

/// Random bytes in a member id (`m-` and twice as many hex digits). Why: 96 bits, so two devices
/// that pick ids offline never meet the same one, short enough to read in a log line.
pub const MEMBER_ID_BYTES: usize = 12;

/// This device's identity, made (and stored) on first use.
pub fn identity() -> Identity {
    stored_identity().unwrap_or_else(|| {
        let made = Identity {
            id: format!("m-{}", crate::browser::random_hex(MEMBER_ID_BYTES)),
            name: String::new(),
        };
        store(&made);
        made
    })
}

/// Cleans a typed name: trimmed, inner whitespace collapsed, at most [`MAX_NAME_CHARS`].
pub fn clean_name(typed: &str) -> String {
    typed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_NAME_CHARS)
        .collect()
}

/// Saves a new display name on this device.
pub fn set_name(name: &str) -> Identity {
    let updated = Identity {
        name: clean_name(name),
        ..identity()
    };
    store(&updated);
    updated
}

fn store(identity: &Identity) {
    crate::browser::store(
        IDENTITY_STORAGE_KEY,
        &format!("{}\n{}", identity.id, identity.name),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(clean_name("  דנה   כהן \n"), "דנה כהן");
        assert_eq!(clean_name(&"א".repeat(100)).chars().count(), MAX_NAME_CHARS);
        assert_eq!(clean_name("   "), "");
    }
}
