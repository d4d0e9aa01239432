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
        let db = Connection::open(data_dir.join(DATABASE_FILE))?;
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
             ) WITHOUT ROWID;",
        )?;
        Ok(Self { db })
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
            StorageOp::Compact {
                snapshot,
                superseded,
            } => {
                put(&self.db, snapshot)?;
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
