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

/// The identity a device link carries (`#invite=…&member=m-…&name=…`; see
/// [`crate::community::access`]): a well-formed member id, and the name percent-decoded and
/// tidied. None when the link carries none, or a malformed one (which is then ignored: the device
/// joins as itself).
pub fn carried_in_fragment(hash: &str) -> Option<Identity> {
    let params = hash.strip_prefix('#')?;
    let value = |key: &str| {
        params
            .split('&')
            .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
    };
    let id = value("member")?;
    let well_formed = id.strip_prefix("m-").is_some_and(|hex| {
        hex.len() == MEMBER_ID_BYTES * 2 && hex.bytes().all(|b| b.is_ascii_hexdigit())
    });
    if !well_formed {
        return None;
    }
    let name = value("name").and_then(percent_decode).unwrap_or_default();
    Some(Identity {
        id: id.to_ascii_lowercase(),
        name: clean_name(&name),
    })
}

/// Decodes `%XX` escapes (as `encodeURIComponent` writes them); None if they are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Makes `carried` (from a device link) this device's identity: the same member on every device.
pub fn adopt(carried: &Identity) {
    store(carried);
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
    fn a_device_link_carries_a_well_formed_member_and_their_name() {
        let id = format!("m-{}", "a1".repeat(MEMBER_ID_BYTES));
        let carried = carried_in_fragment(&format!(
            "#invite=t.k&member={id}&name=%D7%99%D7%95%D7%A1%D7%99%20%20%D7%9B%D7%94%D7%9F"
        ))
        .unwrap();
        assert_eq!(
            carried,
            Identity {
                id: id.clone(),
                name: "יוסי כהן".into()
            }
        );
        // No name: the id alone; no member, or a malformed one: nothing carried.
        assert_eq!(
            carried_in_fragment(&format!("#invite=t&member={id}"))
                .unwrap()
                .name,
            ""
        );
        assert_eq!(carried_in_fragment("#invite=t"), None);
        for bad in [
            "m-12",
            "x-a1a1a1a1a1a1a1a1a1a1a1a1",
            "m-zzzzzzzzzzzzzzzzzzzzzzzz",
            "m-a1a1a1a1a1a1a1a1a1a1a1a1%00",
        ] {
            assert_eq!(
                carried_in_fragment(&format!("#invite=t&member={bad}")),
                None,
                "{bad}"
            );
        }
        // A name that is not UTF-8, or a broken escape, is dropped, not guessed.
        assert_eq!(
            carried_in_fragment(&format!("#invite=t&member={id}&name=%FF"))
                .unwrap()
                .name,
            ""
        );
        assert_eq!(
            carried_in_fragment(&format!("#invite=t&member={id}&name=%4"))
                .unwrap()
                .name,
            ""
        );
    }

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(clean_name("  דנה   כהן \n"), "דנה כהן");
        assert_eq!(clean_name(&"א".repeat(100)).chars().count(), MAX_NAME_CHARS);
        assert_eq!(clean_name("   "), "");
    }
}
