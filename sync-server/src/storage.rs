//! The relay's durable storage: automerge-repo chunks in SQLite.
//!
//! One file, `kehila.sqlite3`, in the data folder. WAL journal with `synchronous=FULL`: a
//! committed transaction survives a crash or power loss. Each batch of the hub's writes is one
//! transaction, and a compaction (new snapshot in, superseded chunks out) is always inside one,
//! so a reader never sees a document without its data. **Only this module touches the disk.**

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use sync_core::{
    ids::DocumentId,
    storage::{Chunk, ChunkKey, ChunkKind, StorageOp},
};

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "kehila.sqlite3";
/// Bytes the storage probe writes. Why: a few pages' worth, so "works again" means there is
/// room for real writes, not for one byte.
const PROBE_BYTES: i64 = 16 * 1024;

/// Creates `path` readable and writable by its owner only (0600), or makes it so: it holds every
/// community's documents and invites, like `secret.key`. SQLite gives its `-wal` and `-shm`
/// files the database file's mode.
fn owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

/// Why storage failed. The relay stops accepting writes rather than acknowledge one it lost.
#[derive(Debug, thiserror::Error)]
#[error("storage failed: {0}")]
pub struct StorageError(#[from] rusqlite::Error);

/// The open database.
pub struct Storage {
    db: Connection,
}

impl Storage {
    /// Opens (creating if needed) the database in `data_dir`.
    ///
    /// # Errors
    /// [`StorageError`] when the file cannot be opened or the schema created.
    pub fn open(data_dir: &Path) -> Result<Self, StorageError> {
        Self::open_capped(data_dir, None)
    }

    /// Like [`Storage::open`], refusing to grow the database beyond `max_bytes` (a quota for the
    /// whole relay; writes past it fail as on a full disk).
    ///
    /// # Errors
    /// As [`Storage::open`].
    pub fn open_capped(data_dir: &Path, max_bytes: Option<u64>) -> Result<Self, StorageError> {
        let path = data_dir.join(DATABASE_FILE);
        owner_only(&path).map_err(|e| {
            StorageError(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(format!("{}: {e}", path.display())),
            ))
        })?;
        let db = Connection::open(&path)?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS documents (
                 id    BLOB PRIMARY KEY,
                 scope TEXT NOT NULL
             ) WITHOUT ROWID;
             CREATE TABLE IF NOT EXISTS chunks (
                 document BLOB NOT NULL REFERENCES documents(id),
                 kind     TEXT NOT NULL,
                 hash     TEXT NOT NULL,
                 bytes    BLOB NOT NULL,
                 PRIMARY KEY (document, kind, hash)
             ) WITHOUT ROWID;
             CREATE TABLE IF NOT EXISTS probe (
                 id    INTEGER PRIMARY KEY,
                 bytes BLOB NOT NULL
             );",
        )?;
        if let Some(max_bytes) = max_bytes {
            let page: i64 = db.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            let pages = (max_bytes / page.max(1) as u64).clamp(1, i64::MAX as u64) as i64;
            db.pragma_update(None, "max_page_count", pages)?;
        }
        Ok(Self { db })
    }

    /// A small durable write, to tell whether storage works again after a failure.
    ///
    /// # Errors
    /// [`StorageError`] while it still does not.
    pub fn probe(&mut self) -> Result<(), StorageError> {
        self.begin()?;
        // A new row first, then the old one goes: replacing in place would reuse the old row's
        // pages and "succeed" on a disk that is still full.
        let written = self
            .db
            .execute(
                "INSERT INTO probe (bytes) VALUES (zeroblob(?1))",
                [PROBE_BYTES],
            )
            .and_then(|_| {
                self.db
                    .execute("DELETE FROM probe WHERE id < last_insert_rowid()", [])
            })
            .map_err(StorageError::from)
            .and_then(|_| self.commit());
        if written.is_err() {
            self.rollback();
        }
        written
    }

    /// Starts a transaction: every write until [`Storage::commit`] lands together or not at all.
    ///
    /// # Errors
    /// [`StorageError`] from SQLite.
    pub fn begin(&mut self) -> Result<(), StorageError> {
        self.db.execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    /// Commits the transaction durably (fsync, per `synchronous=FULL`).
    ///
    /// # Errors
    /// [`StorageError`] from SQLite; the writes are then not durable and must not be acknowledged.
    pub fn commit(&mut self) -> Result<(), StorageError> {
        self.db.execute_batch("COMMIT")?;
        Ok(())
    }

    /// Abandons the transaction.
    pub fn rollback(&mut self) {
        let _ = self.db.execute_batch("ROLLBACK");
    }

    /// Applies one write (inside the current transaction).
    ///
    /// # Errors
    /// [`StorageError`] from SQLite.
    pub fn apply(
        &mut self,
        document: DocumentId,
        scope: &str,
        op: &StorageOp,
    ) -> Result<(), StorageError> {
        self.db.execute(
            "INSERT OR IGNORE INTO documents (id, scope) VALUES (?1, ?2)",
            params![document.as_bytes().as_slice(), scope],
        )?;
        let put = |db: &Connection, chunk: &Chunk| {
            db.execute(
                "INSERT OR REPLACE INTO chunks (document, kind, hash, bytes) VALUES (?1, ?2, ?3, ?4)",
                params![
                    chunk.key.document.as_bytes().as_slice(),
                    chunk.key.kind.as_str(),
                    chunk.key.hash,
                    chunk.bytes
                ],
            )
        };
        match op {
            StorageOp::Put(chunk) => {
                put(&self.db, chunk)?;
            }
            StorageOp::Compact { chunks, superseded } => {
                for chunk in chunks {
                    put(&self.db, chunk)?;
                }
                for key in superseded {
                    self.db.execute(
                        "DELETE FROM chunks WHERE document = ?1 AND kind = ?2 AND hash = ?3",
                        params![
                            key.document.as_bytes().as_slice(),
                            key.kind.as_str(),
                            key.hash
                        ],
                    )?;
                }
            }
        }
        Ok(())
    }

    /// How many bytes of chunks `scope`'s documents hold (for the community quota).
    ///
    /// # Errors
    /// [`StorageError`] from SQLite.
    pub fn scope_bytes(&self, scope: &str) -> Result<u64, StorageError> {
        let bytes: i64 = self.db.query_row(
            "SELECT COALESCE(SUM(LENGTH(c.bytes)), 0) FROM chunks c
             JOIN documents d ON d.id = c.document WHERE d.scope = ?1",
            [scope],
            |row| row.get(0),
        )?;
        Ok(bytes.max(0) as u64)
    }

    /// A document's scope and chunks; `(None, [])` when it was never stored.
    ///
    /// # Errors
    /// [`StorageError`] from SQLite.
    pub fn load(&self, document: DocumentId) -> Result<(Option<String>, Vec<Chunk>), StorageError> {
        let id = document.as_bytes().as_slice();
        let scope: Option<String> = self
            .db
            .query_row("SELECT scope FROM documents WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?;
        let mut statement = self
            .db
            .prepare_cached("SELECT kind, hash, bytes FROM chunks WHERE document = ?1")?;
        let rows = statement.query_map([id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        let mut chunks = Vec::new();
        for row in rows {
            let (kind, hash, bytes) = row?;
            // A row written by this module always has a known kind; skip anything else.
            if let Some(kind) = ChunkKind::parse(&kind) {
                chunks.push(Chunk {
                    key: ChunkKey {
                        document,
                        kind,
                        hash,
                    },
                    bytes,
                });
            }
        }
        Ok((scope, chunks))
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn the_database_and_its_journal_are_owner_only() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(DATABASE_FILE);
        // An existing file with loose permissions is tightened too.
        std::fs::write(&path, b"").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut storage = Storage::open(folder.path()).unwrap();
        storage.begin().unwrap();
        storage.commit().unwrap();
        for file in [DATABASE_FILE, "kehila.sqlite3-wal", "kehila.sqlite3-shm"] {
            let path = folder.path().join(file);
            if path.exists() {
                let mode = std::fs::metadata(&path).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{file}");
            }
        }
    }
}
