//! Grouping notes: making a named group, adding a note to one, taking it out, merging two
//! groups and splitting some notes off into a new one. Any participant may group in the group
//! and discuss phases, unless the facilitator locked it (see [`super::phase::Rights`]).
//!
//! A group lives in one column (columns boards): a note joining it moves there. Merging keeps
//! the older group's name and moves the other's notes and votes onto it, so no dot is lost.

use automerge::{
    transaction::{Transactable, Transaction},
    ObjType, ROOT,
};

use super::{
    phase::{Actor, Rights},
    read,
};
use crate::sync::write;

/// Longest group name, in characters.
pub const MAX_GROUP_NAME_CHARS: usize = 80;

fn may_group(tx: &Transaction<'_>, actor: Actor<'_>) -> Option<super::Board> {
    let board = read(tx);
    Rights::of(&board, actor).group.then_some(board)
}

fn set_note_group(tx: &mut Transaction<'_>, note: &str, group: &str, column: Option<&str>) {
    let Some(notes) = write::existing(tx, &ROOT, "notes") else {
        return;
    };
    let Some(obj) = write::existing(tx, &notes, note) else {
        return;
    };
    write::set(tx, &obj, "group", group);
    if let Some(column) = column {
        write::set(tx, &obj, "column", column);
    }
}

/// Makes group `id` named `name` holding `notes` (at least one; the group goes in the first
/// note's column).
pub fn make_group(
    tx: &mut Transaction<'_>,
    actor: Actor<'_>,
    id: &str,
    name: &str,
    notes: &[String],
    now_ms: i64,
) -> bool {
    let Some(board) = may_group(tx, actor) else {
        return false;
    };
    let notes: Vec<&super::Note> = notes.iter().filter_map(|n| board.note(n)).collect();
    let Some(first) = notes.first() else {
        return false;
    };
    let column = first.column.clone();
    let Some(groups) = write::object(tx, &ROOT, "groups", ObjType::Map) else {
        return false;
    };
    let Ok(group) = tx.put_object(&groups, id, ObjType::Map) else {
        return false;
    };
    let name: String = name.trim().chars().take(MAX_GROUP_NAME_CHARS).collect();
    write::set(tx, &group, "name", &name);
    write::set(tx, &group, "column", &column);
    write::set_time(tx, &group, "created_at", now_ms);
    for note in notes {
        set_note_group(tx, &note.id, id, Some(&column));
    }
    true
}

/// Puts `note` into `group` (moving it to the group's column).
pub fn add_to_group(tx: &mut Transaction<'_>, actor: Actor<'_>, note: &str, group: &str) -> bool {
    let Some(board) = may_group(tx, actor) else {
        return false;
    };
    let (Some(_), Some(target)) = (board.note(note), board.group(group)) else {
        return false;
    };
    let column = target.column.clone();
    set_note_group(tx, note, group, Some(&column));
    true
}

/// Takes `note` out of its group. A group left empty goes.
pub fn ungroup(tx: &mut Transaction<'_>, actor: Actor<'_>, note: &str) -> bool {
    let Some(board) = may_group(tx, actor) else {
        return false;
    };
    let Some(found) = board.note(note) else {
        return false;
    };
    let group = found.group.clone();
    set_note_group(tx, note, "", None);
    if !group.is_empty() && board.notes_in(&group).len() <= 1 {
        delete_group_object(tx, &group);
    }
    true
}

/// Renames `group`.
pub fn rename_group(tx: &mut Transaction<'_>, actor: Actor<'_>, group: &str, name: &str) -> bool {
    if may_group(tx, actor)
        .and_then(|b| b.group(group).cloned())
        .is_none()
    {
        return false;
    }
    let Some(obj) =
        write::existing(tx, &ROOT, "groups").and_then(|g| write::existing(tx, &g, group))
    else {
        return false;
    };
    let name: String = name.trim().chars().take(MAX_GROUP_NAME_CHARS).collect();
    write::set(tx, &obj, "name", &name);
    true
}

/// Merges group `from` into `into`: its notes and its votes move, it goes.
pub fn merge_groups(tx: &mut Transaction<'_>, actor: Actor<'_>, into: &str, from: &str) -> bool {
    let Some(board) = may_group(tx, actor) else {
        return false;
    };
    let (Some(target), Some(_)) = (board.group(into), board.group(from)) else {
        return false;
    };
    if into == from {
        return false;
    }
    let column = target.column.clone();
    for note in board.notes_in(from) {
        set_note_group(tx, &note.id, into, Some(&column));
    }
    if let Some(votes) = write::existing(tx, &ROOT, "votes") {
        for vote in board.votes.iter().filter(|v| v.target == from) {
            if let Some(obj) = write::existing(tx, &votes, &vote.id) {
                write::set(tx, &obj, "target", into);
            }
        }
    }
    delete_group_object(tx, from);
    true
}

/// Splits `notes` off their group into a new group `id` named `name` (in the same column). The
/// old group keeps its other notes and its votes.
pub fn split_group(
    tx: &mut Transaction<'_>,
    actor: Actor<'_>,
    id: &str,
    name: &str,
    notes: &[String],
    now_ms: i64,
) -> bool {
    let Some(board) = may_group(tx, actor) else {
        return false;
    };
    let Some(old) = notes
        .first()
        .and_then(|n| board.note(n))
        .map(|n| n.group.clone())
    else {
        return false;
    };
    if old.is_empty()
        || !notes
            .iter()
            .all(|n| board.note(n).is_some_and(|n| n.group == old))
    {
        return false;
    }
    let left = board.notes_in(&old).len() - notes.len();
    if !make_group(tx, actor, id, name, notes, now_ms) {
        return false;
    }
    if left == 0 {
        delete_group_object(tx, &old);
    }
    true
}

/// Deletes `group`; its notes stay, ungrouped.
pub fn delete_group(tx: &mut Transaction<'_>, actor: Actor<'_>, group: &str) -> bool {
    let Some(board) = may_group(tx, actor) else {
        return false;
    };
    if board.group(group).is_none() {
        return false;
    }
    for note in board.notes_in(group) {
        set_note_group(tx, &note.id, "", None);
    }
    delete_group_object(tx, group);
    true
}

fn delete_group_object(tx: &mut Transaction<'_>, group: &str) {
    if let Some(groups) = write::existing(tx, &ROOT, "groups") {
        let _ = tx.delete(&groups, group);
    }
}
