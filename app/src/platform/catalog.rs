//! The community's catalog of per-item documents (knowledge documents, boards …), kept in the
//! root document's `catalog` map: `{ <documentId>: { kind, title, createdBy, createdAt,
//! archived } }`. Every feature with [`super::Per::Item`] documents lists and adds its items
//! here, through the root document's handle in [`super::facts::Facts`] — never through
//! another feature.

use automerge::{
    transaction::{Transactable, Transaction},
    ObjType, ReadDoc, ScalarValue, Value, ROOT,
};

use crate::sync::read::At;

/// Longest catalog title, in characters: titles show in lists on phones.
pub const MAX_TITLE_CHARS: usize = 200;

/// One entry of the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The document's id.
    pub id: String,
    /// Its kind (the feature's [`super::DocumentSpec`] key, or a knowledge document's kind).
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Member id of its creator.
    pub created_by: String,
    /// When (unix ms).
    pub created_at: i64,
}

/// The entries not archived, newest first.
pub fn entries(doc: &impl ReadDoc) -> Vec<Entry> {
    let at = At(None);
    let Some(catalog) = at.object(doc, &ROOT, "catalog") else {
        return Vec::new();
    };
    let mut out: Vec<Entry> = at
        .keys(doc, &catalog)
        .into_iter()
        .filter_map(|id| {
            let entry = at.object(doc, &catalog, &id)?;
            let archived = matches!(
                at.get(doc, &entry, "archived"),
                Some((Value::Scalar(s), _)) if matches!(s.as_ref(), ScalarValue::Boolean(true))
            );
            (!archived).then(|| Entry {
                kind: at.scalar_text(doc, &entry, "kind"),
                title: at.scalar_text(doc, &entry, "title"),
                created_by: at.scalar_text(doc, &entry, "createdBy"),
                created_at: at.int(doc, &entry, "createdAt"),
                id,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The entries of one `kind`, newest first.
pub fn of_kind(doc: &impl ReadDoc, kind: &str) -> Vec<Entry> {
    entries(doc)
        .into_iter()
        .filter(|e| e.kind == kind)
        .collect()
}

/// Why an entry cannot be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogError {
    /// The title is empty.
    NoTitle,
}

/// Adds document `id` of `kind` to the catalog.
///
/// # Errors
/// [`CatalogError::NoTitle`] for a blank title.
pub fn add(
    tx: &mut Transaction<'_>,
    id: &str,
    kind: &str,
    title: &str,
    created_by: &str,
    now_ms: i64,
) -> Result<(), CatalogError> {
    let title: String = title.trim().chars().take(MAX_TITLE_CHARS).collect();
    if title.is_empty() {
        return Err(CatalogError::NoTitle);
    }
    let Some(catalog) = crate::sync::write::object(tx, &ROOT, "catalog", ObjType::Map) else {
        return Ok(());
    };
    if let Ok(entry) = tx.put_object(&catalog, id, ObjType::Map) {
        let _ = tx.put(&entry, "kind", kind);
        let _ = tx.put(&entry, "title", title.as_str());
        let _ = tx.put(&entry, "createdBy", created_by);
        let _ = tx.put(&entry, "createdAt", ScalarValue::Timestamp(now_ms));
        let _ = tx.put(&entry, "archived", false);
    }
    Ok(())
}

/// Renames entry `id` (its document's title changed).
pub fn retitle(tx: &mut Transaction<'_>, id: &str, title: &str) {
    let title: String = title.trim().chars().take(MAX_TITLE_CHARS).collect();
    let entry = crate::sync::write::existing(tx, &ROOT, "catalog")
        .and_then(|catalog| crate::sync::write::existing(tx, &catalog, id));
    if let (Some(entry), false) = (entry, title.is_empty()) {
        crate::sync::write::set(tx, &entry, "title", &title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::Automerge;

    #[test]
    fn entries_list_newest_first_by_kind_and_blank_titles_are_refused() {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        add(&mut tx, "d1", "case", "כישלון ולמידה", "m-a", 1).unwrap();
        add(&mut tx, "b1", "board", "  Monthly meetup  ", "m-b", 2).unwrap();
        assert_eq!(
            add(&mut tx, "d3", "tool", "   ", "m-b", 3),
            Err(CatalogError::NoTitle)
        );
        retitle(&mut tx, "b1", "Meetup, January");
        retitle(&mut tx, "b1", "  ");
        tx.commit();
        let all: Vec<String> = entries(&doc).into_iter().map(|e| e.id).collect();
        assert_eq!(all, ["b1", "d1"]);
        let boards = of_kind(&doc, "board");
        assert_eq!(boards.len(), 1);
        assert_eq!(boards[0].title, "Meetup, January");
        assert_eq!(boards[0].created_by, "m-b");
    }
}
