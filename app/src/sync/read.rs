//! Reading Automerge documents for views: values at the current heads or at earlier ones, with
//! anything missing or of an unexpected type read as empty.

use automerge::{ChangeHash, ObjId, ReadDoc, ScalarValue, Value};

/// Reads at the current heads or, with `Some(heads)`, as the document was then. Shared by
/// every document's readers (the root document's too): missing or mistyped values read as
/// empty, so a document written by an older or newer app never breaks a view.
#[derive(Clone, Copy)]
pub struct At<'a>(pub Option<&'a [ChangeHash]>);

impl At<'_> {
    pub(crate) fn get(
        &self,
        doc: &impl ReadDoc,
        obj: &ObjId,
        key: &str,
    ) -> Option<(Value<'static>, ObjId)> {
        let found = match self.0 {
            Some(heads) => doc.get_at(obj, key, heads),
            None => doc.get(obj, key),
        };
        found.ok().flatten().map(|(v, id)| (v.into_owned(), id))
    }

    pub(crate) fn object(&self, doc: &impl ReadDoc, obj: &ObjId, key: &str) -> Option<ObjId> {
        match self.get(doc, obj, key)? {
            (Value::Object(_), id) => Some(id),
            _ => None,
        }
    }

    pub(crate) fn scalar_text(&self, doc: &impl ReadDoc, obj: &ObjId, key: &str) -> String {
        match self.get(doc, obj, key) {
            Some((Value::Scalar(s), _)) => match s.as_ref() {
                ScalarValue::Str(text) => text.to_string(),
                _ => String::new(),
            },
            _ => String::new(),
        }
    }

    pub(crate) fn int(&self, doc: &impl ReadDoc, obj: &ObjId, key: &str) -> i64 {
        match self.get(doc, obj, key) {
            Some((Value::Scalar(s), _)) => match s.as_ref() {
                ScalarValue::Int(n) | ScalarValue::Timestamp(n) => *n,
                _ => 0,
            },
            _ => 0,
        }
    }

    pub(crate) fn text(&self, doc: &impl ReadDoc, obj: &ObjId, key: &str) -> String {
        let Some(text) = self.object(doc, obj, key) else {
            return String::new();
        };
        match self.0 {
            Some(heads) => doc.text_at(&text, heads),
            None => doc.text(&text),
        }
        .unwrap_or_default()
    }

    pub(crate) fn list(&self, doc: &impl ReadDoc, obj: &ObjId, key: &str) -> Vec<String> {
        let Some(list) = self.object(doc, obj, key) else {
            return Vec::new();
        };
        let length = match self.0 {
            Some(heads) => doc.length_at(&list, heads),
            None => doc.length(&list),
        };
        (0..length)
            .filter_map(|i| {
                let found = match self.0 {
                    Some(heads) => doc.get_at(&list, i, heads),
                    None => doc.get(&list, i),
                };
                match found.ok().flatten() {
                    Some((Value::Scalar(s), _)) => match s.as_ref() {
                        ScalarValue::Str(text) => Some(text.to_string()),
                        _ => None,
                    },
                    _ => None,
                }
            })
            .collect()
    }

    pub(crate) fn keys(&self, doc: &impl ReadDoc, obj: &ObjId) -> Vec<String> {
        match self.0 {
            Some(heads) => doc.keys_at(obj, heads).collect(),
            None => doc.keys(obj).collect(),
        }
    }
}
