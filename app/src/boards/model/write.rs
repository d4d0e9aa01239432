//! Writing a board: each function is one edit, made on a transaction the caller commits (with
//! the member id and a note, see [`crate::sync::write::Note`]). Each re-checks what it needs
//! on the document as it is (another phone may have moved the phase meanwhile) and does nothing
//! rather than something wrong.

use automerge::{
    transaction::{Transactable, Transaction},
    ObjId, ObjType, ScalarValue, ROOT,
};

use super::{
    phase::{Actor, Rights},
    read, Phase, Template, MAX_BUDGET, MAX_NOTE_CHARS, MAX_TITLE_CHARS,
};
use crate::sync::{text::Splice, write};

/// What a new board starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBoard {
    /// Its title.
    pub title: String,
    /// The question.
    pub question: String,
    /// Columns or canvas.
    pub template: Template,
    /// Column titles, in order (empty for a canvas).
    pub columns: Vec<String>,
}

/// Why a board cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewBoardError {
    /// No title.
    NoTitle,
}

/// Fills a fresh board (after its skeleton): title, question, template, columns, creator.
///
/// # Errors
/// [`NewBoardError::NoTitle`] when the title is blank.
pub fn create(
    tx: &mut Transaction<'_>,
    board: &NewBoard,
    member: &str,
    now_ms: i64,
) -> Result<(), NewBoardError> {
    let title: String = board.title.trim().chars().take(MAX_TITLE_CHARS).collect();
    if title.is_empty() {
        return Err(NewBoardError::NoTitle);
    }
    write::set(tx, &ROOT, "title", &title);
    write::set_text(tx, &ROOT, "question", board.question.trim());
    write::set(tx, &ROOT, "template", board.template.as_str());
    write::set(tx, &ROOT, "created_by", member);
    write::set(tx, &ROOT, "facilitator", member);
    write::set(tx, &ROOT, "phase", Phase::Write.as_str());
    write::set_time(tx, &ROOT, "created_at", now_ms);
    if let Some(columns) = write::object(tx, &ROOT, "columns", ObjType::Map) {
        for (i, name) in board.columns.iter().enumerate() {
            let id = format!("c{}", i + 1);
            if let Ok(column) = tx.put_object(&columns, id.as_str(), ObjType::Map) {
                write::set(tx, &column, "title", name.trim());
                let _ = tx.put(&column, "order", i as i64);
            }
        }
    }
    Ok(())
}

fn entry(tx: &Transaction<'_>, map: &str, id: &str) -> Option<ObjId> {
    let map = write::existing(tx, &ROOT, map)?;
    write::existing(tx, &map, id)
}

fn actor_rights(tx: &Transaction<'_>, actor: Actor<'_>) -> (super::Board, Rights) {
    let board = read(tx);
    let rights = Rights::of(&board, actor);
    (board, rights)
}

/// The root map `key`, when `actor` facilitates the board (settings, timer, meeting).
fn facilitated_map(tx: &mut Transaction<'_>, actor: Actor<'_>, key: &str) -> Option<ObjId> {
    let (_, rights) = actor_rights(tx, actor);
    rights
        .facilitate
        .then(|| write::object(tx, &ROOT, key, ObjType::Map))
        .flatten()
}

/// Adds note `id` with `text` in `column` (or at `x`,`y` on a canvas). False when not allowed.
pub fn add_note(
    tx: &mut Transaction<'_>,
    actor: Actor<'_>,
    id: &str,
    text: &str,
    column: &str,
    colour: &str,
    now_ms: i64,
) -> bool {
    let (board, rights) = actor_rights(tx, actor);
    let text: String = text.trim().chars().take(MAX_NOTE_CHARS).collect();
    if !rights.add_notes || text.is_empty() {
        return false;
    }
    let Some(notes) = write::object(tx, &ROOT, "notes", ObjType::Map) else {
        return false;
    };
    let Ok(note) = tx.put_object(&notes, id, ObjType::Map) else {
        return false;
    };
    write::set_text(tx, &note, "text", &text);
    write::set(tx, &note, "author", actor.member);
    write::set(tx, &note, "colour", colour);
    let column = if board.columns.iter().any(|c| c.id == column) {
        column
    } else {
        ""
    };
    write::set(tx, &note, "column", column);
    // A canvas note starts where the next free place is, in a loose grid (then it is moved).
    let n = board.notes.len() as i64;
    let _ = tx.put(&note, "x", 40 + (n % 5) * 190);
    let _ = tx.put(&note, "y", 40 + (n / 5 % 5) * 190);
    write::set_time(tx, &note, "created_at", now_ms);
    true
}

/// Applies one splice of typing to note `id`'s text, if `actor` may edit it.
pub fn edit_note(tx: &mut Transaction<'_>, actor: Actor<'_>, id: &str, splice: &Splice) -> bool {
    let board = read(tx);
    let Some(note) = board.note(id) else {
        return false;
    };
    let grown = note.text.chars().count() + splice.insert.chars().count();
    if !Rights::may_edit_note(&board, actor, &note.author)
        || grown.saturating_sub(splice.delete) > MAX_NOTE_CHARS
    {
        return false;
    }
    let Some(obj) = entry(tx, "notes", id) else {
        return false;
    };
    write::splice(tx, &obj, "text", splice);
    true
}

/// Deletes note `id` (its author or the facilitator). Its votes go with it.
pub fn delete_note(tx: &mut Transaction<'_>, actor: Actor<'_>, id: &str) -> bool {
    let board = read(tx);
    let Some(note) = board.note(id) else {
        return false;
    };
    if !Rights::may_edit_note(&board, actor, &note.author) {
        return false;
    }
    if let Some(notes) = write::existing(tx, &ROOT, "notes") {
        let _ = tx.delete(&notes, id);
    }
    true
}

/// Sets note `id`'s colour (its author or the facilitator).
pub fn colour_note(tx: &mut Transaction<'_>, actor: Actor<'_>, id: &str, colour: &str) -> bool {
    let board = read(tx);
    let Some(note) = board.note(id) else {
        return false;
    };
    if !super::COLOURS.contains(&colour) || !Rights::may_edit_note(&board, actor, &note.author) {
        return false;
    }
    let Some(obj) = entry(tx, "notes", id) else {
        return false;
    };
    write::set(tx, &obj, "colour", colour);
    true
}

/// Moves note `id` to `column` (out of any group, which lives in one column). Its author or
/// whoever may group.
pub fn move_note(tx: &mut Transaction<'_>, actor: Actor<'_>, id: &str, column: &str) -> bool {
    let (board, rights) = actor_rights(tx, actor);
    let Some(note) = board.note(id) else {
        return false;
    };
    let may = rights.group || Rights::may_edit_note(&board, actor, &note.author);
    if !may || !board.columns.iter().any(|c| c.id == column) {
        return false;
    }
    let Some(obj) = entry(tx, "notes", id) else {
        return false;
    };
    write::set(tx, &obj, "column", column);
    if !note.group.is_empty() && board.group(&note.group).is_some_and(|g| g.column != column) {
        write::set(tx, &obj, "group", "");
    }
    true
}

/// Places note `id` on the canvas at `x`, `y` (thousandths, clamped to the canvas).
pub fn place_note(tx: &mut Transaction<'_>, actor: Actor<'_>, id: &str, x: i64, y: i64) -> bool {
    let (board, rights) = actor_rights(tx, actor);
    let Some(note) = board.note(id) else {
        return false;
    };
    if !(rights.group || Rights::may_edit_note(&board, actor, &note.author)) {
        return false;
    }
    let Some(obj) = entry(tx, "notes", id) else {
        return false;
    };
    let _ = tx.put(&obj, "x", x.clamp(0, 1000));
    let _ = tx.put(&obj, "y", y.clamp(0, 1000));
    true
}

/// Moves the board to `phase` (the facilitator). Leaving write for group shows every note.
pub fn set_phase(tx: &mut Transaction<'_>, actor: Actor<'_>, phase: Phase) -> bool {
    let (_, rights) = actor_rights(tx, actor);
    if !rights.facilitate {
        return false;
    }
    write::set(tx, &ROOT, "phase", phase.as_str());
    true
}

/// Hands the board to `member` (the facilitator or an admin).
pub fn hand_to(tx: &mut Transaction<'_>, actor: Actor<'_>, member: &str) -> bool {
    let (_, rights) = actor_rights(tx, actor);
    if !rights.facilitate || member.is_empty() {
        return false;
    }
    write::set(tx, &ROOT, "facilitator", member);
    true
}

/// A setting the facilitator changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Authors hidden.
    Anonymous(bool),
    /// Others' notes hidden while writing.
    HideWhileWriting(bool),
    /// Tally hidden until voting ends.
    HideTally(bool),
    /// Only the facilitator groups.
    LockGrouping(bool),
    /// Dots per member (1..=[`MAX_BUDGET`]).
    Budget(u32),
    /// Dots per member on one unit (1..=budget).
    Cap(u32),
}

/// Changes one setting (the facilitator).
pub fn set_setting(tx: &mut Transaction<'_>, actor: Actor<'_>, setting: Setting) -> bool {
    let Some(settings) = facilitated_map(tx, actor, "settings") else {
        return false;
    };
    let (key, value) = match setting {
        Setting::Anonymous(on) => ("anonymous", ScalarValue::Boolean(on)),
        Setting::HideWhileWriting(on) => ("hide_while_writing", ScalarValue::Boolean(on)),
        Setting::HideTally(on) => ("hide_tally", ScalarValue::Boolean(on)),
        Setting::LockGrouping(on) => ("lock_grouping", ScalarValue::Boolean(on)),
        Setting::Budget(n) => (
            "budget",
            ScalarValue::Int(i64::from(n.clamp(1, MAX_BUDGET))),
        ),
        Setting::Cap(n) => ("cap", ScalarValue::Int(i64::from(n.clamp(1, MAX_BUDGET)))),
    };
    let _ = tx.put(&settings, key, value);
    true
}

/// Starts the shared timer: it ends `seconds` from `relay_now_ms` (the relay's clock, as this
/// device estimates it: see [`super::timer`]). `seconds == 0` stops it.
pub fn set_timer(
    tx: &mut Transaction<'_>,
    actor: Actor<'_>,
    seconds: i64,
    relay_now_ms: i64,
) -> bool {
    let Some(timer) = facilitated_map(tx, actor, "timer") else {
        return false;
    };
    let seconds = seconds.clamp(0, super::timer::MAX_SECONDS);
    let ends = if seconds == 0 {
        0
    } else {
        relay_now_ms + seconds * 1000
    };
    let _ = tx.put(&timer, "ends_at", ScalarValue::Timestamp(ends));
    let _ = tx.put(&timer, "seconds", seconds);
    true
}

/// Puts one of `actor`'s dots on `unit` (a group or an ungrouped note), as vote `id`, if the
/// phase, budget and cap allow it here. Another device's votes may still arrive; which count
/// is settled by [`super::votes::counted`].
pub fn vote(tx: &mut Transaction<'_>, actor: Actor<'_>, id: &str, unit: &str, now_ms: i64) -> bool {
    let (board, rights) = actor_rights(tx, actor);
    if !rights.vote
        || super::votes::unit(&board, unit) != Some(unit)
        || !super::votes::Tally::of(&board).may_vote(actor.member, unit)
    {
        return false;
    }
    let Some(votes) = write::object(tx, &ROOT, "votes", ObjType::Map) else {
        return false;
    };
    let Ok(vote) = tx.put_object(&votes, id, ObjType::Map) else {
        return false;
    };
    write::set(tx, &vote, "member", actor.member);
    write::set(tx, &vote, "target", unit);
    write::set_time(tx, &vote, "at", now_ms);
    true
}

/// Takes one of `actor`'s dots back from `unit`.
pub fn unvote(tx: &mut Transaction<'_>, actor: Actor<'_>, unit: &str) -> bool {
    let (board, rights) = actor_rights(tx, actor);
    let Some(vote) = rights
        .vote
        .then(|| super::votes::to_take_back(&board, actor.member, unit))
        .flatten()
    else {
        return false;
    };
    let id = vote.id.clone();
    if let Some(votes) = write::existing(tx, &ROOT, "votes") {
        let _ = tx.delete(&votes, id.as_str());
    }
    true
}

/// Edits the board's title (the facilitator).
pub fn set_title(tx: &mut Transaction<'_>, actor: Actor<'_>, title: &str) -> bool {
    let (_, rights) = actor_rights(tx, actor);
    let title: String = title.trim().chars().take(MAX_TITLE_CHARS).collect();
    if !rights.facilitate || title.is_empty() {
        return false;
    }
    write::set(tx, &ROOT, "title", &title);
    true
}

/// The board's meeting, as the facilitator edits it.
pub fn set_meeting(
    tx: &mut Transaction<'_>,
    actor: Actor<'_>,
    meeting: &super::Meeting,
    cluster: &str,
) -> bool {
    let Some(obj) = facilitated_map(tx, actor, "meeting") else {
        return false;
    };
    write::set(tx, &obj, "date", meeting.date.trim());
    write::set(tx, &obj, "place", meeting.place.trim());
    write::set(tx, &obj, "link", meeting.link.trim());
    write::set_text(tx, &obj, "agenda", &meeting.agenda);
    write::set(tx, &ROOT, "cluster", cluster.trim());
    true
}

/// Adds action item `id`.
pub fn add_action(
    tx: &mut Transaction<'_>,
    actor: Actor<'_>,
    id: &str,
    text: &str,
    owner: &str,
    due: &str,
    now_ms: i64,
) -> bool {
    let (_, rights) = actor_rights(tx, actor);
    let text = text.trim();
    if !rights.act || text.is_empty() {
        return false;
    }
    let Some(actions) = write::object(tx, &ROOT, "actions", ObjType::Map) else {
        return false;
    };
    let Ok(action) = tx.put_object(&actions, id, ObjType::Map) else {
        return false;
    };
    write::set_text(tx, &action, "text", text);
    write::set(tx, &action, "owner", owner.trim());
    write::set(tx, &action, "due", due.trim());
    let _ = tx.put(&action, "done", false);
    write::set_time(tx, &action, "created_at", now_ms);
    true
}

/// Marks action item `id` done or not (anyone who may write, at any phase: it is follow-up).
pub fn set_action_done(tx: &mut Transaction<'_>, actor: Actor<'_>, id: &str, done: bool) -> bool {
    let Some(action) = actor
        .role
        .can_write()
        .then(|| entry(tx, "actions", id))
        .flatten()
    else {
        return false;
    };
    let _ = tx.put(&action, "done", done);
    true
}

/// Deletes action item `id`.
pub fn delete_action(tx: &mut Transaction<'_>, actor: Actor<'_>, id: &str) -> bool {
    let (_, rights) = actor_rights(tx, actor);
    if !rights.act {
        return false;
    }
    if let Some(actions) = write::existing(tx, &ROOT, "actions") {
        let _ = tx.delete(&actions, id);
    }
    true
}

/// The column ids of `tx`'s board, in order (for moving a note "to the next column").
pub fn column_ids(tx: &Transaction<'_>) -> Vec<String> {
    read(tx).columns.into_iter().map(|c| c.id).collect()
}
