//! The device's copy of every document: automerge-repo's chunk layout in IndexedDB.
//!
//! One database per community (`kehila-<community>`), so joining another community never mixes
//! documents. Two object stores:
//! - `chunks`: key `"<documentId>/<snapshot|incremental>/<hash>"`, value the chunk's bytes. A
//!   [`StorageOp::Compact`] is **one** transaction (snapshot put, superseded chunks deleted), so a
//!   crash leaves either the old chunks or the new snapshot, never neither.
//! - `meta`: key the document id, value the heads the relay last confirmed (hex), so the sync
//!   status knows what is still pending after a reload.
//!
//! Writes use `durability: "strict"`: the transaction completes only once the browser has flushed
//! it to disk. That is what "saved on this device" promises, and the engine sends a change only
//! after its chunk's write completed.

use automerge::ChangeHash;
use js_sys::{Array, Uint8Array};
use sync_core::{
    ids::DocumentId,
    storage::{Chunk, ChunkKey, ChunkKind, StorageOp},
};
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const CHUNKS: &str = "chunks";
const META: &str = "meta";
const VERSION: u32 = 1;

/// An IndexedDB failure, with the browser's message.
#[derive(Debug, Clone)]
pub struct IdbError(pub String);

impl std::fmt::Display for IdbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "device storage: {}", self.0)
    }
}

impl From<JsValue> for IdbError {
    fn from(value: JsValue) -> Self {
        let text = value
            .dyn_ref::<web_sys::DomException>()
            .map(|e| format!("{}: {}", e.name(), e.message()))
            .or_else(|| value.as_string())
            .unwrap_or_else(|| format!("{value:?}"));
        IdbError(text)
    }
}

/// The chunk key as text (also the order IndexedDB keeps them in).
pub fn key_text(key: &ChunkKey) -> String {
    format!("{}/{}/{}", key.document, key.kind.as_str(), key.hash)
}

/// Parses [`key_text`]; `None` for anything else.
pub fn parse_key(text: &str) -> Option<ChunkKey> {
    let mut parts = text.splitn(3, '/');
    let document = DocumentId::from_url(&format!("automerge:{}", parts.next()?)).ok()?;
    let kind = ChunkKind::parse(parts.next()?)?;
    let hash = parts.next()?.to_string();
    Some(ChunkKey {
        document,
        kind,
        hash,
    })
}

/// An open chunk database.
#[derive(Clone)]
pub struct ChunkStore {
    db: IdbDatabase,
}

impl ChunkStore {
    /// Opens (creating on first use) the database named `name`.
    ///
    /// # Errors
    /// When IndexedDB is unavailable or refuses.
    pub async fn open(name: &str) -> Result<ChunkStore, IdbError> {
        let factory = web_sys::window()
            .ok_or_else(|| IdbError("no window".into()))?
            .indexed_db()?
            .ok_or_else(|| IdbError("IndexedDB is not available in this browser".into()))?;
        let request = factory.open_with_u32(name, VERSION)?;
        let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
            move |event: web_sys::IdbVersionChangeEvent| {
                let Some(db) = event
                    .target()
                    .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                    .and_then(|r| r.result().ok())
                    .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
                else {
                    return;
                };
                for store in [CHUNKS, META] {
                    if !db.object_store_names().contains(store) {
                        let _ = db.create_object_store(store);
                    }
                }
            },
        );
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let result = wait_request(&request).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        let db: IdbDatabase = result?.dyn_into()?;
        Ok(ChunkStore { db })
    }

    /// Every chunk of `document`.
    ///
    /// # Errors
    /// When IndexedDB refuses.
    pub async fn load(&self, document: &DocumentId) -> Result<Vec<Chunk>, IdbError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(CHUNKS, IdbTransactionMode::Readonly)?;
        let store = tx.object_store(CHUNKS)?;
        // Keys of one document are `<id>/…`; '0' is the character after '/'.
        let range = web_sys::IdbKeyRange::bound(
            &JsValue::from_str(&format!("{document}/")),
            &JsValue::from_str(&format!("{document}0")),
        )?;
        let keys = store.get_all_keys_with_key(&range)?;
        let values = store.get_all_with_key(&range)?;
        let keys: Array = wait_request(&keys).await?.dyn_into()?;
        let values: Array = wait_request(&values).await?.dyn_into()?;
        let mut chunks = Vec::new();
        for (key, value) in keys.iter().zip(values.iter()) {
            let (Some(key), Ok(bytes)) = (
                key.as_string().and_then(|k| parse_key(&k)),
                value.dyn_into::<Uint8Array>(),
            ) else {
                continue;
            };
            chunks.push(Chunk {
                key,
                bytes: bytes.to_vec(),
            });
        }
        Ok(chunks)
    }

    /// Carries out a save, durably, as one transaction.
    ///
    /// # Errors
    /// When IndexedDB refuses (quota, private mode): the change then lives in memory and on the
    /// relay only, and the caller says so.
    pub async fn apply(&self, op: &StorageOp) -> Result<(), IdbError> {
        let tx = self.write_transaction(CHUNKS)?;
        let store = tx.object_store(CHUNKS)?;
        match op {
            StorageOp::Put(chunk) => {
                store.put_with_key(
                    &Uint8Array::from(chunk.bytes.as_slice()),
                    &JsValue::from_str(&key_text(&chunk.key)),
                )?;
            }
            StorageOp::Compact { chunks, superseded } => {
                for chunk in chunks {
                    store.put_with_key(
                        &Uint8Array::from(chunk.bytes.as_slice()),
                        &JsValue::from_str(&key_text(&chunk.key)),
                    )?;
                }
                for key in superseded {
                    if !chunks.iter().any(|c| c.key == *key) {
                        store.delete(&JsValue::from_str(&key_text(key)))?;
                    }
                }
            }
        }
        wait_transaction(&tx).await
    }

    /// Remembers the heads the relay confirmed for `document`.
    ///
    /// # Errors
    /// When IndexedDB refuses.
    pub async fn set_confirmed(
        &self,
        document: &DocumentId,
        heads: &[ChangeHash],
    ) -> Result<(), IdbError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(META, IdbTransactionMode::Readwrite)?;
        let text: Vec<String> = heads.iter().map(ToString::to_string).collect();
        tx.object_store(META)?.put_with_key(
            &JsValue::from_str(&text.join(",")),
            &JsValue::from_str(&document.to_string()),
        )?;
        wait_transaction(&tx).await
    }

    /// The heads the relay last confirmed for `document` (empty if never).
    ///
    /// # Errors
    /// When IndexedDB refuses.
    pub async fn confirmed(&self, document: &DocumentId) -> Result<Vec<ChangeHash>, IdbError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(META, IdbTransactionMode::Readonly)?;
        let request = tx
            .object_store(META)?
            .get(&JsValue::from_str(&document.to_string()))?;
        let text = wait_request(&request)
            .await?
            .as_string()
            .unwrap_or_default();
        Ok(text
            .split(',')
            .filter_map(|hex| hex.parse::<ChangeHash>().ok())
            .collect())
    }

    /// A read-write transaction with `durability: "strict"`. web-sys marks the options
    /// dictionary unstable, so it is passed through `Reflect`; browsers without the option
    /// ignore it and use their (durable) default.
    fn write_transaction(&self, store: &str) -> Result<IdbTransaction, IdbError> {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())?;
        let open: js_sys::Function =
            js_sys::Reflect::get(&self.db, &"transaction".into())?.dyn_into()?;
        let tx = open.call3(
            &self.db,
            &JsValue::from_str(store),
            &JsValue::from_str("readwrite"),
            &options,
        )?;
        Ok(tx.dyn_into()?)
    }
}

/// A promise and the callback that settles it, for IndexedDB's event handlers.
fn settle_on_event() -> (js_sys::Promise, Closure<dyn FnMut()>) {
    let mut resolve_slot: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(resolve) = &resolve_slot {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    (promise, callback)
}

/// Resolves with a request's result once it succeeds, or its error.
async fn wait_request(request: &IdbRequest) -> Result<JsValue, IdbError> {
    let (promise, done) = settle_on_event();
    request.set_onsuccess(Some(done.as_ref().unchecked_ref()));
    request.set_onerror(Some(done.as_ref().unchecked_ref()));
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    if let Ok(Some(error)) = request.error() {
        return Err(IdbError(format!("{}: {}", error.name(), error.message())));
    }
    Ok(request.result()?)
}

/// Resolves once a write transaction has committed (durably, for a strict one), or its error.
async fn wait_transaction(tx: &IdbTransaction) -> Result<(), IdbError> {
    let (promise, done) = settle_on_event();
    tx.set_oncomplete(Some(done.as_ref().unchecked_ref()));
    tx.set_onerror(Some(done.as_ref().unchecked_ref()));
    tx.set_onabort(Some(done.as_ref().unchecked_ref()));
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    tx.set_oncomplete(None);
    tx.set_onerror(None);
    tx.set_onabort(None);
    match tx.error() {
        Some(error) => Err(IdbError(format!("{}: {}", error.name(), error.message()))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_keys_round_trip_and_sort_by_document() {
        let document = DocumentId::from_random_bytes([3; 16]);
        let key = ChunkKey {
            document,
            kind: ChunkKind::Incremental,
            hash: "ab".repeat(32),
        };
        assert_eq!(parse_key(&key_text(&key)), Some(key.clone()));
        assert!(parse_key("not a key").is_none());
        assert!(parse_key(&format!("{document}/other/ab")).is_none());
        // The load range is ["<id>/", "<id>0"): every key of the document is inside it.
        let text = key_text(&key);
        assert!(text.as_str() >= format!("{document}/").as_str());
        assert!(text.as_str() < format!("{document}0").as_str());
    }
}
