//! The community's root document (DESIGN.md §3): its members, its "about" text and the catalog
//! of its documents. Pure reads and writes over Automerge, tested natively.
//!
//! Schema version 1:
//! ```text
//! { schema: 1,
//!   about:   Text,                                  // co-edited description
//!   members: { <memberId>: { name, role, joined } },
//!   catalog: { <documentId>: { kind, title, createdBy, createdAt, archived } } }
//! ```
//! The skeleton (`schema`, the three containers) is [`skeleton`]: the same bytes on every device,
//! so members who join offline at the same time do not create competing maps.

use automerge::{
    transaction::{Transactable, Transaction},
    Automerge, ObjId, ObjType, ReadDoc, ScalarValue, ROOT,
};

use crate::{
    platform::catalog,
    sync::{read::At, text::Splice},
};

/// The root document's schema version.
pub const SCHEMA_VERSION: u64 = 1;

pub use catalog::MAX_TITLE_CHARS;

/// The root document's first change, identical on every device.
pub fn skeleton() -> Vec<u8> {
    sync_core::schema::initial_change("community-root", SCHEMA_VERSION, |tx| {
        let _ = tx.put_object(ROOT, "about", ObjType::Text);
        let _ = tx.put_object(ROOT, "members", ObjType::Map);
        let _ = tx.put_object(ROOT, "catalog", ObjType::Map);
    })
}

/// A member as the community sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Their id (one per device-browser).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Their role's name (`viewer`, `member`, `admin`).
    pub role: String,
    /// When they first joined (unix ms).
    pub joined: i64,
}

/// What kind of knowledge document a catalog entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// An article.
    Article,
    /// A practical tool.
    Tool,
    /// A best practice.
    Practice,
    /// An analysis of a success or a failure.
    Case,
}

impl DocKind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [DocKind; 4] = [
        DocKind::Article,
        DocKind::Tool,
        DocKind::Practice,
        DocKind::Case,
    ];

    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Tool => "tool",
            DocKind::Practice => "practice",
            DocKind::Case => "case",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One entry of the community's document catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The document's id.
    pub id: String,
    /// Its kind.
    pub kind: DocKind,
    /// Its title.
    pub title: String,
    /// Member id of its creator.
    pub created_by: String,
    /// When (unix ms).
    pub created_at: i64,
    /// Hidden from the list.
    pub archived: bool,
}

fn map(doc: &impl ReadDoc, parent: &ObjId, key: &str) -> Option<ObjId> {
    At(None).object(doc, parent, key)
}

fn text_of(doc: &impl ReadDoc, parent: &ObjId, key: &str) -> String {
    At(None).scalar_text(doc, parent, key)
}

fn int_of(doc: &impl ReadDoc, parent: &ObjId, key: &str) -> i64 {
    At(None).int(doc, parent, key)
}

/// The members, sorted by name (then id).
pub fn members(doc: &Automerge) -> Vec<Member> {
    let Some(members) = map(doc, &ROOT, "members") else {
        return Vec::new();
    };
    let mut out: Vec<Member> = doc
        .keys(&members)
        .filter_map(|id| {
            let entry = map(doc, &members, &id)?;
            Some(Member {
                name: text_of(doc, &entry, "name"),
                role: text_of(doc, &entry, "role"),
                joined: int_of(doc, &entry, "joined"),
                id,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Adds or updates this member's entry (name and role; `joined` only the first time).
pub fn upsert_member(tx: &mut Transaction<'_>, id: &str, name: &str, role: &str, now_ms: i64) {
    let Some(members) = map(tx, &ROOT, "members") else {
        return;
    };
    let entry = match map(tx, &members, id) {
        Some(entry) => entry,
        None => match tx.put_object(&members, id, ObjType::Map) {
            Ok(entry) => {
                let _ = tx.put(&entry, "joined", ScalarValue::Timestamp(now_ms));
                entry
            }
            Err(_) => return,
        },
    };
    if text_of(tx, &entry, "name") != name {
        let _ = tx.put(&entry, "name", name);
    }
    if text_of(tx, &entry, "role") != role {
        let _ = tx.put(&entry, "role", role);
    }
}

/// The community's description.
pub fn about(doc: &Automerge) -> String {
    map(doc, &ROOT, "about")
        .and_then(|text| doc.text(&text).ok())
        .unwrap_or_default()
}

/// Applies a text field's edit to the description.
pub fn edit_about(tx: &mut Transaction<'_>, splice: &Splice) {
    if let Some(text) = map(tx, &ROOT, "about") {
        let _ = tx.splice_text(&text, splice.start, splice.delete as isize, &splice.insert);
    }
}

/// The catalog's knowledge documents that are not archived, newest first (other features'
/// items, such as boards, are listed by those features).
pub fn catalog(doc: &Automerge) -> Vec<CatalogEntry> {
    catalog::entries(doc)
        .into_iter()
        .filter_map(|e| {
            Some(CatalogEntry {
                kind: DocKind::parse(&e.kind)?,
                title: e.title,
                created_by: e.created_by,
                created_at: e.created_at,
                archived: false,
                id: e.id,
            })
        })
        .collect()
}

pub use catalog::CatalogError;

/// Adds a knowledge document to the catalog.
///
/// # Errors
/// [`CatalogError::NoTitle`] for a blank title.
pub fn add_to_catalog(
    tx: &mut Transaction<'_>,
    id: &str,
    kind: DocKind,
    title: &str,
    created_by: &str,
    now_ms: i64,
) -> Result<(), CatalogError> {
    catalog::add(tx, id, kind.as_str(), title, created_by, now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> Automerge {
        let mut doc = Automerge::new();
        doc.apply_changes([automerge::Change::from_bytes(skeleton()).unwrap()])
            .unwrap();
        doc
    }

    #[test]
    fn members_join_once_and_rename() {
        let mut doc = fresh();
        let mut tx = doc.transaction();
        upsert_member(&mut tx, "m-b", "Ben", "member", 10);
        upsert_member(&mut tx, "m-a", "דנה", "admin", 20);
        tx.commit();
        let mut tx = doc.transaction();
        upsert_member(&mut tx, "m-b", "Benjamin", "member", 99);
        tx.commit();
        let list = members(&doc);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].name, "Benjamin");
        assert_eq!(list[0].joined, 10, "joined is kept");
        assert_eq!(list[1].role, "admin");
    }

    #[test]
    fn two_members_editing_the_description_offline_keep_both_edits() {
        let mut a = fresh();
        let mut tx = a.transaction();
        edit_about(
            &mut tx,
            &Splice {
                start: 0,
                delete: 0,
                insert: "קהילה".into(),
            },
        );
        tx.commit();
        let mut b = a.fork();
        for (doc, splice) in [
            (
                &mut a,
                Splice {
                    start: 0,
                    delete: 0,
                    insert: "A: ".into(),
                },
            ),
            (
                &mut b,
                Splice {
                    start: 5,
                    delete: 0,
                    insert: " :B".into(),
                },
            ),
        ] {
            let mut tx = doc.transaction();
            edit_about(&mut tx, &splice);
            tx.commit();
        }
        a.merge(&mut b).unwrap();
        assert_eq!(about(&a), "A: קהילה :B");
    }

    #[test]
    fn the_catalog_lists_newest_first_and_refuses_blank_titles() {
        let mut doc = fresh();
        let mut tx = doc.transaction();
        add_to_catalog(&mut tx, "d1", DocKind::Case, "כישלון ולמידה", "m-a", 1).unwrap();
        add_to_catalog(&mut tx, "d2", DocKind::Tool, "  Journey map  ", "m-b", 2).unwrap();
        assert_eq!(
            add_to_catalog(&mut tx, "d3", DocKind::Tool, "   ", "m-b", 3),
            Err(CatalogError::NoTitle)
        );
        tx.commit();
        let list = catalog(&doc);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].title, "Journey map");
        assert_eq!(list[1].kind, DocKind::Case);
        for kind in DocKind::ALL {
            assert_eq!(DocKind::parse(kind.as_str()), Some(kind));
        }
    }
}
