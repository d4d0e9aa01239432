//! Communities and invites in the relay's database: invites an admin names ("for the meeting of
//! 5 Jan"), and one-time device links a member mints to open their own membership on another
//! device. A device link is an invite row with a `parent` (the invite its maker's session came
//! from): it grants the same role, works once, expires soon, and dies with its parent.

use rusqlite::{params, Connection, OptionalExtension};

use super::{Grant, Refusal, Role};
use crate::StartError;

/// Longest name an admin may give an invite, in characters. Why: it is shown on one line of the
/// invitations list on a phone; longer text is a note, not a name.
pub const MAX_INVITE_LABEL_CHARS: usize = 80;
/// How long a device link is valid. Why: it carries a membership to the person's own other
/// device (sent to themselves, opened within minutes); a link found later in a chat is void.
pub const DEVICE_LINK_SECONDS: u64 = 30 * 60;
/// Unused, unexpired device links one invite's sessions may hold at once. Why: a member may ask
/// again (a link lost in a chat), but not fill the database with live links.
pub const MAX_OPEN_DEVICE_LINKS: u64 = 5;
/// Device links one invite may have alive at once, used ones included (a used link lives as long
/// as the session it made). Why: an invitation shared with a meeting's thirty people, each with a
/// second and third device, stays well under it; a member minting and spending links in a loop
/// cannot grow the database without bound.
pub const MAX_DEVICE_LINKS_PER_INVITE: u64 = 100;

/// An invite as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InviteInfo {
    /// Its id.
    pub id: String,
    /// The role it grants.
    pub role: &'static str,
    /// Unix seconds when it expires.
    pub expires: u64,
    /// True once revoked.
    pub revoked: bool,
    /// The name the admin gave it (may be empty).
    pub label: String,
}

/// Communities and invites, in the relay's database.
pub struct AccessStore {
    db: Connection,
}

/// Columns added after the first release: (column, declaration). Added on open to a database
/// that lacks them, so a relay upgraded in place keeps its invites.
const ADDED_INVITE_COLUMNS: [(&str, &str); 4] = [
    ("label", "TEXT NOT NULL DEFAULT ''"),
    ("parent", "TEXT"),
    ("single_use", "INTEGER NOT NULL DEFAULT 0"),
    ("used", "INTEGER NOT NULL DEFAULT 0"),
];

impl AccessStore {
    /// Opens the access tables in `data_dir`'s database.
    ///
    /// # Errors
    /// [`StartError::Storage`] when SQLite fails.
    pub fn open(data_dir: &std::path::Path) -> Result<AccessStore, StartError> {
        let wrap = |e: rusqlite::Error| StartError::Storage(crate::storage::StorageError::from(e));
        let db = Connection::open(data_dir.join(crate::storage::DATABASE_FILE)).map_err(wrap)?;
        db.pragma_update(None, "journal_mode", "WAL")
            .map_err(wrap)?;
        db.pragma_update(None, "synchronous", "FULL")
            .map_err(wrap)?;
        db.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(wrap)?;
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS communities (
                 id   TEXT PRIMARY KEY,
                 name TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS invites (
                 id        TEXT PRIMARY KEY,
                 community TEXT NOT NULL REFERENCES communities(id),
                 role      TEXT NOT NULL,
                 expires   INTEGER NOT NULL,
                 revoked   INTEGER NOT NULL DEFAULT 0
             );",
        )
        .map_err(wrap)?;
        let existing: Vec<String> = db
            .prepare("SELECT name FROM pragma_table_info('invites')")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(wrap)?;
        for (column, declaration) in ADDED_INVITE_COLUMNS {
            if !existing.iter().any(|c| c == column) {
                db.execute_batch(&format!(
                    "ALTER TABLE invites ADD COLUMN {column} {declaration}"
                ))
                .map_err(wrap)?;
            }
        }
        Ok(AccessStore { db })
    }

    /// How many communities exist.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn community_count(&self) -> rusqlite::Result<u64> {
        self.db
            .query_row("SELECT COUNT(*) FROM communities", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n.max(0) as u64)
    }

    /// Creates a community named `name`; returns its id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn create_community(&self, name: &str) -> rusqlite::Result<String> {
        let id = random_id();
        self.db.execute(
            "INSERT INTO communities (id, name) VALUES (?1, ?2)",
            params![id, name],
        )?;
        Ok(id)
    }

    /// A community's name.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn community_name(&self, community: &str) -> rusqlite::Result<Option<String>> {
        self.db
            .query_row(
                "SELECT name FROM communities WHERE id = ?1",
                [community],
                |r| r.get(0),
            )
            .optional()
    }

    /// Records a new invite named `label` (checked by the caller) and returns its grant (sign
    /// it to get the link's token).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn create_invite(
        &self,
        community: &str,
        role: Role,
        expires: u64,
        label: &str,
    ) -> rusqlite::Result<Grant> {
        let id = random_id();
        self.db.execute(
            "INSERT INTO invites (id, community, role, expires, label) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, community, role.as_str(), expires as i64, label],
        )?;
        Ok(Grant {
            community: community.to_string(),
            role,
            invite: id,
            expires,
        })
    }

    /// Mints a one-time device link for the holder of `grant`, valid until `expires`: the same
    /// community and role, its parent the invite the grant descends from (a device link's own
    /// sessions mint links of the same parent, so revoking it ends them all). Expired unused
    /// links are cleared first.
    ///
    /// # Errors
    /// `Ok(None)` when [`MAX_OPEN_DEVICE_LINKS`] are open already, or
    /// [`MAX_DEVICE_LINKS_PER_INVITE`] are alive; SQLite errors.
    pub fn create_device_link(
        &self,
        grant: &Grant,
        now: u64,
        expires: u64,
    ) -> rusqlite::Result<Option<Grant>> {
        let parent = self.listed_invite(&grant.invite)?;
        // An unused link past its half hour, and a used one whose session has ended, are gone.
        self.db.execute(
            "DELETE FROM invites WHERE single_use = 1 AND expires <= ?1",
            [now as i64],
        )?;
        let (open, alive): (i64, i64) = self.db.query_row(
            "SELECT COALESCE(SUM(used = 0), 0), COUNT(*) FROM invites WHERE parent = ?1 AND single_use = 1",
            [&parent],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if open.max(0) as u64 >= MAX_OPEN_DEVICE_LINKS
            || alive.max(0) as u64 >= MAX_DEVICE_LINKS_PER_INVITE
        {
            return Ok(None);
        }
        let id = random_id();
        self.db.execute(
            "INSERT INTO invites (id, community, role, expires, parent, single_use)
             VALUES (?1, ?2, ?3, ?4, ?5, 1)",
            params![
                id,
                grant.community,
                grant.role.as_str(),
                expires as i64,
                parent
            ],
        )?;
        Ok(Some(Grant {
            community: grant.community.clone(),
            role: grant.role,
            invite: id,
            expires,
        }))
    }

    /// The invite an admin sees for `invite`: its parent for a device link, else itself.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn listed_invite(&self, invite: &str) -> rusqlite::Result<String> {
        let parent: Option<Option<String>> = self
            .db
            .query_row("SELECT parent FROM invites WHERE id = ?1", [invite], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(parent.flatten().unwrap_or_else(|| invite.to_string()))
    }

    /// Revokes an invite of `community` (and so every session made from it, and from its
    /// device links). False if unknown.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn revoke(&self, community: &str, invite: &str) -> rusqlite::Result<bool> {
        Ok(self.db.execute(
            "UPDATE invites SET revoked = 1 WHERE id = ?1 AND community = ?2",
            params![invite, community],
        )? == 1)
    }

    /// The invites of `community` an admin sees (device links are their makers' own), newest
    /// expiry first.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn invites(&self, community: &str) -> rusqlite::Result<Vec<InviteInfo>> {
        let mut statement = self.db.prepare(
            "SELECT id, role, expires, revoked, label FROM invites
             WHERE community = ?1 AND parent IS NULL ORDER BY expires DESC",
        )?;
        let rows = statement.query_map([community], |r| {
            Ok(InviteInfo {
                id: r.get(0)?,
                role: Role::parse(&r.get::<_, String>(1)?)
                    .unwrap_or(Role::Viewer)
                    .as_str(),
                expires: r.get::<_, i64>(2)? as u64,
                revoked: r.get::<_, i64>(3)? != 0,
                label: r.get(4)?,
            })
        })?;
        rows.collect()
    }

    /// Checks that a verified grant's invite still exists for its community and is not revoked,
    /// nor is the invite a device link came from.
    ///
    /// # Errors
    /// [`Refusal::InvalidToken`] when it is revoked or unknown (or the database fails).
    pub fn check(&self, grant: &Grant) -> Result<(), Refusal> {
        let revoked: Option<(i64, Option<i64>)> = self
            .db
            .query_row(
                "SELECT i.revoked, p.revoked FROM invites i LEFT JOIN invites p ON p.id = i.parent
                 WHERE i.id = ?1 AND i.community = ?2",
                params![grant.invite, grant.community],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|_| Refusal::InvalidToken)?;
        match revoked {
            Some((0, None | Some(0))) => Ok(()),
            _ => Err(Refusal::InvalidToken),
        }
    }

    /// True when `invite` is a one-time device link (it is exchanged once, never used as a
    /// bearer token).
    ///
    /// # Errors
    /// [`Refusal::InvalidToken`] when the database fails.
    pub fn single_use(&self, invite: &str) -> Result<bool, Refusal> {
        self.db
            .query_row(
                "SELECT single_use FROM invites WHERE id = ?1",
                [invite],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map(|v| v == Some(1))
            .map_err(|_| Refusal::InvalidToken)
    }

    /// Spends `invite` when it is a one-time link (the first exchange wins: one statement, so two
    /// devices racing with the same link cannot both join), and says until when the session it
    /// makes may last: a device link's session is its parent invite's (capped at `longest`, not
    /// the link's half hour), and the link's row then lives as long as that session. Any other
    /// invite is not spent: `Ok(None)`.
    ///
    /// # Errors
    /// [`Refusal::LinkUsed`] when the link was used already; [`Refusal::InvalidToken`] when the
    /// database fails or the parent is gone.
    pub fn spend(&self, invite: &str, longest: u64) -> Result<Option<u64>, Refusal> {
        if !self.single_use(invite)? {
            return Ok(None);
        }
        let parent_expires: i64 = self
            .db
            .query_row(
                "SELECT p.expires FROM invites i JOIN invites p ON p.id = i.parent WHERE i.id = ?1",
                [invite],
                |r| r.get(0),
            )
            .map_err(|_| Refusal::InvalidToken)?;
        let until = (parent_expires.max(0) as u64).min(longest);
        let spent = self
            .db
            .execute(
                "UPDATE invites SET used = 1, expires = ?2 WHERE id = ?1 AND single_use = 1 AND used = 0",
                params![invite, until as i64],
            )
            .map_err(|_| Refusal::InvalidToken)?;
        if spent == 1 {
            Ok(Some(until))
        } else {
            Err(Refusal::LinkUsed)
        }
    }
}

/// 128 random bits as 32 hex characters (ids of communities and invites).
fn random_id() -> String {
    let mut bytes = [0u8; 16];
    // The OS random source does not fail on Linux once booted; a zero id would still be unique
    // enough to be refused by the primary key rather than silently shared.
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
