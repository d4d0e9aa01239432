//! Forward migrations of a document's schema.
//!
//! A document records the schema version it was written at under
//! [`sync_core::schema::SCHEMA_KEY`]. When a newer build opens an older document, the migrations
//! past that version run in order, in one change made by a member's device, which then records
//! the new version; viewers read the old shape until a member has been by. A migration must be
//! safe to run on two devices at once (both merge): add, never rename or delete what an older build
//! still reads, so a device that has not updated keeps working.

use automerge::{transaction::Transactable, ReadDoc, ROOT};
use sync_core::schema::SCHEMA_KEY;

/// One step: brings a document from `to - 1` to `to`.
pub struct Migration {
    /// The version the document has after this step.
    pub to: u64,
    /// The step itself.
    pub run: fn(&mut automerge::transaction::Transaction<'_>),
}

/// The schema version `doc` records (0 before its skeleton).
pub fn version_of(doc: &impl ReadDoc) -> u64 {
    match doc.get(ROOT, SCHEMA_KEY) {
        Ok(Some((automerge::Value::Scalar(value), _))) => match value.as_ref() {
            automerge::ScalarValue::Uint(v) => *v,
            automerge::ScalarValue::Int(v) => u64::try_from(*v).unwrap_or(0),
            _ => 0,
        },
        _ => 0,
    }
}

/// The steps a document at `version` still needs, in order.
pub fn pending(version: u64, migrations: &'static [Migration]) -> Vec<&'static Migration> {
    migrations.iter().filter(|m| m.to > version).collect()
}

/// Runs the pending steps inside `tx` and records the last version reached. Returns how many ran.
pub fn run(
    tx: &mut automerge::transaction::Transaction<'_>,
    migrations: &'static [Migration],
) -> usize {
    let steps = pending(version_of(tx), migrations);
    for step in &steps {
        (step.run)(tx);
        let _ = tx.put(ROOT, SCHEMA_KEY, step.to);
    }
    steps.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::{transaction::Transactable, Automerge, ObjType};

    fn add_tags(tx: &mut automerge::transaction::Transaction<'_>) {
        let _ = tx.put_object(ROOT, "tags", ObjType::Map);
    }

    fn add_notes(tx: &mut automerge::transaction::Transaction<'_>) {
        let _ = tx.put_object(ROOT, "notes", ObjType::Text);
    }

    static STEPS: [Migration; 2] = [
        Migration {
            to: 2,
            run: add_tags,
        },
        Migration {
            to: 3,
            run: add_notes,
        },
    ];

    #[test]
    fn an_old_document_is_brought_forward_once() {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        let _ = tx.put(ROOT, SCHEMA_KEY, 1u64);
        tx.commit();
        assert_eq!(version_of(&doc), 1);

        let mut tx = doc.transaction();
        assert_eq!(run(&mut tx, &STEPS), 2);
        tx.commit();
        assert_eq!(version_of(&doc), 3);
        assert!(doc.get(ROOT, "tags").unwrap().is_some());
        assert!(doc.get(ROOT, "notes").unwrap().is_some());

        let mut tx = doc.transaction();
        assert_eq!(run(&mut tx, &STEPS), 0, "nothing left to do");
        tx.commit();
    }

    #[test]
    fn only_later_steps_are_pending() {
        assert_eq!(pending(2, &STEPS).len(), 1);
        assert_eq!(pending(3, &STEPS).len(), 0);
        assert_eq!(pending(0, &STEPS).len(), 2);
    }
}
