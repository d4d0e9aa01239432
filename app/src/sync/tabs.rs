//! The other tabs of this browser: changes go to them over a BroadcastChannel at once (even
//! offline), and a tab that misses a change asks for it.

use std::rc::Rc;

use automerge::ChangeHash;
use js_sys::{Array, Object, Reflect, Uint8Array};
use sync_core::ids::DocumentId;
use wasm_bindgen::{JsCast, JsValue};

use super::Repo;

impl Repo {
    /// Tells the other tabs of this browser about changes (`kind` "changes"), or answers a tab
    /// that asked for what it was missing (`kind` "answer").
    pub(super) fn tell_tabs(&self, document: DocumentId, changes: &[Vec<u8>]) {
        self.post_to_tabs("changes", document, changes, &[]);
    }

    pub(super) fn post_to_tabs(
        &self,
        kind: &str,
        document: DocumentId,
        changes: &[Vec<u8>],
        heads: &[ChangeHash],
    ) {
        let Some(channel) = &self.tabs else {
            return;
        };
        if changes.is_empty() && kind != "need" {
            return;
        }
        let message = Object::new();
        let list = Array::new();
        for change in changes {
            list.push(&Uint8Array::from(change.as_slice()));
        }
        let heads: Array = heads
            .iter()
            .map(|h| JsValue::from_str(&h.to_string()))
            .collect();
        let _ = Reflect::set(&message, &"kind".into(), &kind.into());
        let _ = Reflect::set(&message, &"doc".into(), &document.to_string().into());
        let _ = Reflect::set(&message, &"changes".into(), &list);
        let _ = Reflect::set(&message, &"heads".into(), &heads);
        let _ = channel.post_message(&message);
    }

    /// A message from another tab: changes to apply, or a request for changes. A tab that cannot
    /// apply a change yet (it builds on one this tab has not seen) asks once, with its heads;
    /// any tab that has the document answers with everything since.
    pub(super) fn from_tab(self: &Rc<Self>, data: JsValue) {
        let field = |key: &str| Reflect::get(&data, &key.into()).ok();
        let kind = field("kind")
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        let document = field("doc")
            .and_then(|d| d.as_string())
            .and_then(|d| DocumentId::from_url(&format!("automerge:{d}")).ok());
        let Some(document) = document else { return };
        if !self.docs.borrow().contains_key(&document) {
            return; // this tab does not show it; it will load from the device when it does
        }
        if kind == "need" {
            let heads: Vec<ChangeHash> = field("heads")
                .and_then(|h| h.dyn_into::<Array>().ok())
                .map(|list| {
                    list.iter()
                        .filter_map(|h| h.as_string()?.parse().ok())
                        .collect()
                })
                .unwrap_or_default();
            let answer = self.client.borrow().changes_since(&document, &heads);
            self.post_to_tabs("answer", document, &answer, &[]);
            return;
        }
        let changes: Vec<Vec<u8>> = field("changes")
            .and_then(|c| c.dyn_into::<Array>().ok())
            .map(|list| {
                list.iter()
                    .filter_map(|c| c.dyn_into::<Uint8Array>().ok())
                    .map(|c| c.to_vec())
                    .collect()
            })
            .unwrap_or_default();
        let effects = self.client.borrow_mut().apply_changes(document, &changes);
        self.run(effects);
        let missing = self.client.borrow().is_missing_changes(&document);
        if missing && kind == "changes" {
            let heads = self.client.borrow().heads(&document);
            self.post_to_tabs("need", document, &[], &heads);
        }
    }
}
