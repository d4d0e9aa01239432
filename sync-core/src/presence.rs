//! Who is here now: presence announcements carried by ephemeral messages, and the roster that
//! turns heartbeats into "online".
//!
//! Every tab announces itself on the community's root document every [`HEARTBEAT_MS`] (and at
//! once when what it looks at changes), and says goodbye when it closes. A member is online while
//! at least one of their tabs was heard from in the last [`TIMEOUT_MS`]. Ephemeral messages are
//! never stored, so presence costs the relay no disk and leaves nothing behind.
//!
//! The payload is a small CBOR map, so other automerge-repo clients can read it:
//! `{ "member": text, "name": text, "viewing": text, "writing": bool, "leaving": bool }`
//! (`writing` came later: a tab that does not send it is not writing).

use std::collections::HashMap;

use minicbor::{data::Type, Decoder, Encoder};

/// How often a tab repeats its presence, in milliseconds. Why 10 s: often enough that "online
/// now" is fresh within a glance, rare enough to cost nothing on a phone's battery and data.
pub const HEARTBEAT_MS: u64 = 10_000;

/// How long after the last heartbeat a tab counts as gone: three missed heartbeats, so one lost
/// message (a phone switching networks) does not make someone flicker offline.
pub const TIMEOUT_MS: u64 = 3 * HEARTBEAT_MS;

/// Longest name or location a presence message may carry, in bytes; longer ones are cut. Why:
/// presence is rebroadcast to every member, so one peer must not be able to inflate it.
pub const MAX_FIELD_BYTES: usize = 256;

/// One tab's announcement.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presence {
    /// The member's stable id on this device (shared by their tabs).
    pub member: String,
    /// Their display name.
    pub name: String,
    /// What they are looking at: an app path such as `/glossary/…`.
    pub viewing: String,
    /// True while they are writing there (a board's note form has their focus): "who is
    /// writing" for the others on that page.
    pub writing: bool,
    /// True when the tab is closing: forget it now rather than at the timeout.
    pub leaving: bool,
}

/// A presence payload that is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a presence message: {0}")]
pub struct PresenceError(String);

impl Presence {
    /// CBOR bytes for an ephemeral message.
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        // Writing into a Vec cannot fail.
        let _ = e
            .map(5)
            .and_then(|e| e.str("member"))
            .and_then(|e| e.str(&self.member))
            .and_then(|e| e.str("name"))
            .and_then(|e| e.str(&self.name))
            .and_then(|e| e.str("viewing"))
            .and_then(|e| e.str(&self.viewing))
            .and_then(|e| e.str("writing"))
            .and_then(|e| e.bool(self.writing))
            .and_then(|e| e.str("leaving"))
            .and_then(|e| e.bool(self.leaving));
        e.into_writer()
    }

    /// Reads a payload; unknown keys are skipped, long fields are cut to [`MAX_FIELD_BYTES`].
    ///
    /// # Errors
    /// [`PresenceError`] when the bytes are not such a map or the member id is missing.
    pub fn decode(bytes: &[u8]) -> Result<Presence, PresenceError> {
        let bad = |e: minicbor::decode::Error| PresenceError(e.to_string());
        let mut d = Decoder::new(bytes);
        let entries = d.map().map_err(bad)?;
        let mut out = Presence::default();
        let mut remaining = entries;
        loop {
            match remaining {
                Some(0) => break,
                Some(n) => remaining = Some(n - 1),
                None => {
                    if d.datatype().map_err(bad)? == Type::Break {
                        break;
                    }
                }
            }
            let key = d.str().map_err(bad)?;
            match key {
                "member" => out.member = cut(d.str().map_err(bad)?),
                "name" => out.name = cut(d.str().map_err(bad)?),
                "viewing" => out.viewing = cut(d.str().map_err(bad)?),
                "writing" => out.writing = d.bool().map_err(bad)?,
                "leaving" => out.leaving = d.bool().map_err(bad)?,
                _ => d.skip().map_err(bad)?,
            }
        }
        if out.member.is_empty() {
            return Err(PresenceError("no member id".into()));
        }
        Ok(out)
    }
}

fn cut(text: &str) -> String {
    if text.len() <= MAX_FIELD_BYTES {
        return text.to_string();
    }
    let mut end = MAX_FIELD_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// Who is online, from the presence messages heard. Keyed by the sending peer (one per tab);
/// [`Roster::online`] folds tabs into members.
#[derive(Debug, Default)]
pub struct Roster {
    tabs: HashMap<String, (Presence, u64)>,
}

impl Roster {
    /// An empty roster.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `presence` heard from `peer` at `now_ms`; true if what the roster shows changed.
    pub fn heard(&mut self, peer: &str, presence: Presence, now_ms: u64) -> bool {
        if presence.leaving {
            return self.tabs.remove(peer).is_some();
        }
        let changed = self.tabs.get(peer).is_none_or(|(old, _)| *old != presence);
        self.tabs.insert(peer.to_string(), (presence, now_ms));
        changed
    }

    /// True when `peer` (a tab) is in the roster: a tab heard for the first time deserves an
    /// immediate answer, so a newcomer sees who is here without waiting for a heartbeat.
    pub fn knows(&self, peer: &str) -> bool {
        self.tabs.contains_key(peer)
    }

    /// Forgets tabs silent for longer than [`TIMEOUT_MS`]; true if any was forgotten.
    pub fn expire(&mut self, now_ms: u64) -> bool {
        let before = self.tabs.len();
        self.tabs
            .retain(|_, (_, heard)| now_ms.saturating_sub(*heard) <= TIMEOUT_MS);
        self.tabs.len() != before
    }

    /// Forgets everyone (the connection dropped: we can no longer hear anyone).
    pub fn clear(&mut self) {
        self.tabs.clear();
    }

    /// The members online, one entry each (their most recently heard tab), sorted by name.
    pub fn online(&self) -> Vec<Presence> {
        let mut latest: HashMap<&str, (&Presence, u64)> = HashMap::new();
        for (presence, heard) in self.tabs.values() {
            let slot = latest
                .entry(presence.member.as_str())
                .or_insert((presence, *heard));
            if *heard > slot.1 {
                *slot = (presence, *heard);
            }
        }
        let mut out: Vec<Presence> = latest.into_values().map(|(p, _)| p.clone()).collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.member.cmp(&b.member)));
        out
    }
}

/// Shortest time between two greetings from one tab, in milliseconds: half a heartbeat. Why:
/// every tab answers a newcomer so it sees who is here at once; with many newcomers at a time
/// (a meeting joining, or one peer that keeps appearing under new names) the answers from N
/// tabs to N newcomers would cost N² messages. Coalesced, a tab sends at most one greeting per
/// interval, however many arrive.
pub const GREETING_INTERVAL_MS: u64 = HEARTBEAT_MS / 2;

/// What to do about a newcomer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Greet {
    /// Announce now.
    Now,
    /// Announce at this time (ms): one greeting for everyone who arrives until then.
    At(u64),
    /// A greeting is already planned: nothing more.
    Planned,
}

/// Coalesces the greetings a tab sends to newcomers (see [`GREETING_INTERVAL_MS`]).
#[derive(Debug, Default)]
pub struct Greeter {
    last: Option<u64>,
    planned: bool,
}

impl Greeter {
    /// A newcomer was heard at `now`.
    pub fn newcomer(&mut self, now: u64) -> Greet {
        if self.planned {
            return Greet::Planned;
        }
        match self.last {
            Some(last) if now < last + GREETING_INTERVAL_MS => {
                self.planned = true;
                Greet::At(last + GREETING_INTERVAL_MS)
            }
            _ => Greet::Now,
        }
    }

    /// This tab announced itself at `now` (a greeting, a heartbeat or a move).
    pub fn announced(&mut self, now: u64) {
        self.last = Some(now);
        self.planned = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowd_of_newcomers_gets_one_greeting_per_interval() {
        let mut greeter = Greeter::default();
        assert_eq!(
            greeter.newcomer(1_000),
            Greet::Now,
            "the first is answered at once"
        );
        greeter.announced(1_000);
        let due = 1_000 + GREETING_INTERVAL_MS;
        assert_eq!(greeter.newcomer(1_200), Greet::At(due));
        for t in 1_300..1_400 {
            assert_eq!(
                greeter.newcomer(t),
                Greet::Planned,
                "a hundred more cost nothing"
            );
        }
        greeter.announced(due);
        assert_eq!(greeter.newcomer(due + GREETING_INTERVAL_MS), Greet::Now);
    }

    fn presence(member: &str, name: &str, viewing: &str) -> Presence {
        Presence {
            member: member.into(),
            name: name.into(),
            viewing: viewing.into(),
            writing: false,
            leaving: false,
        }
    }

    #[test]
    fn round_trips_and_refuses_what_is_not_presence() {
        let p = presence("m1", "דנה", "/glossary");
        assert_eq!(Presence::decode(&p.encode()), Ok(p.clone()));
        let writing = Presence {
            writing: true,
            ..presence("m2", "Dana", "/boards/x")
        };
        assert_eq!(Presence::decode(&writing.encode()), Ok(writing.clone()));
        assert!(Presence::decode(&[]).is_err());
        assert!(Presence::decode(&[0xff, 0x00]).is_err());
        // A map without a member id is not presence.
        let anonymous = Presence::default().encode();
        assert!(Presence::decode(&anonymous).is_err());
        // Truncated anywhere: an error, never a panic.
        let bytes = p.encode();
        for end in 0..bytes.len() {
            assert!(Presence::decode(&bytes[..end]).is_err(), "prefix {end}");
        }
    }

    #[test]
    fn long_fields_are_cut_on_a_character_boundary() {
        let p = presence("m1", &"א".repeat(400), "/");
        let decoded = Presence::decode(&p.encode()).unwrap();
        assert!(decoded.name.len() <= MAX_FIELD_BYTES);
        assert!(decoded.name.chars().all(|c| c == 'א'));
    }

    #[test]
    fn unknown_keys_are_skipped() {
        let mut e = Encoder::new(Vec::new());
        e.map(3).unwrap();
        e.str("colour")
            .unwrap()
            .array(2)
            .unwrap()
            .u8(1)
            .unwrap()
            .u8(2)
            .unwrap();
        e.str("member").unwrap().str("m9").unwrap();
        e.str("name").unwrap().str("Ann").unwrap();
        let decoded = Presence::decode(&e.into_writer()).unwrap();
        assert_eq!(decoded.member, "m9");
        assert_eq!(decoded.name, "Ann");
    }

    #[test]
    fn heartbeats_keep_a_member_online_until_the_timeout() {
        let mut roster = Roster::new();
        assert!(!roster.knows("peer-a"));
        assert!(roster.heard("peer-a", presence("m1", "Ann", "/"), 0));
        assert!(roster.knows("peer-a"));
        assert!(!roster.heard("peer-a", presence("m1", "Ann", "/"), HEARTBEAT_MS));
        assert!(roster.heard(
            "peer-a",
            presence("m1", "Ann", "/glossary"),
            2 * HEARTBEAT_MS
        ));
        assert!(!roster.expire(2 * HEARTBEAT_MS + TIMEOUT_MS));
        assert_eq!(roster.online().len(), 1);
        assert!(roster.expire(2 * HEARTBEAT_MS + TIMEOUT_MS + 1));
        assert!(roster.online().is_empty());
    }

    #[test]
    fn two_tabs_are_one_member_and_leaving_is_immediate() {
        let mut roster = Roster::new();
        roster.heard("tab-1", presence("m1", "Ann", "/"), 0);
        roster.heard("tab-2", presence("m1", "Ann", "/boards"), 5);
        roster.heard("tab-3", presence("m2", "Ben", "/"), 5);
        let online = roster.online();
        assert_eq!(online.len(), 2);
        assert_eq!(
            online[0].viewing, "/boards",
            "the latest tab says where Ann is"
        );
        let mut bye = presence("m1", "Ann", "/boards");
        bye.leaving = true;
        assert!(roster.heard("tab-2", bye.clone(), 6));
        assert_eq!(
            roster.online()[0].viewing,
            "/",
            "her other tab is still here"
        );
        bye.leaving = true;
        assert!(roster.heard("tab-1", bye, 7));
        assert_eq!(roster.online().len(), 1);
        roster.clear();
        assert!(roster.online().is_empty());
    }
}
