//! A workshop board (one document per board): its schema, reading it whole, and writing it so
//! that concurrent edits from a room of phones merge. Pure Automerge; tested natively.
//!
//! Schema version 1:
//! ```text
//! { schema: 1,
//!   title: str, question: Text, template: "columns" | "canvas",
//!   columns: { <columnId>: { title: str, order: int } },
//!   meeting: { date: str (YYYY-MM-DD), place: str, link: str, agenda: Text }, cluster: str,
//!   created_by, facilitator: str (member ids), created_at: timestamp,
//!   phase: "write" | "group" | "vote" | "discuss" | "done",
//!   settings: { anonymous, hide_while_writing, hide_tally, lock_grouping: bool,
//!               budget, cap: int },
//!   timer: { ends_at: timestamp (relay clock, ms), seconds: int },
//!   notes: { <noteId>: { text: Text, author, colour, column, group: str,
//!                        x, y: int (‰ of the canvas), created_at: timestamp } },
//!   groups: { <groupId>: { name: str, column: str, created_at: timestamp } },
//!   votes: { <voteId>: { member, target: str, at: timestamp } },
//!   actions: { <actionId>: { text: Text, owner: str, due: str, done: bool,
//!                            created_at: timestamp } } }
//! ```
//! Notes, groups, votes and actions are maps keyed by random ids, so two phones adding at once
//! never collide; a vote is its own key, so two devices of one member voting at once both land
//! and [`votes`] decides, the same way everywhere, which count.

pub mod groups;
pub mod phase;
pub mod summary;
pub mod timer;
pub mod votes;
mod write;

#[cfg(test)]
mod tests;

use automerge::{ObjId, ObjType, ReadDoc, ROOT};

pub use phase::Phase;
pub use write::*;

use crate::sync::read::At;

/// The board document's schema version.
pub const SCHEMA_VERSION: u64 = 1;

/// The catalog kind of board documents.
pub const KIND: &str = "board";

/// A board's first change, identical on every device (the same for every board: what makes
/// one board differ comes after it).
pub fn skeleton() -> Vec<u8> {
    sync_core::schema::initial_change(KIND, SCHEMA_VERSION, |tx| {
        use automerge::transaction::Transactable;
        for key in [
            "columns", "notes", "groups", "votes", "actions", "settings", "meeting", "timer",
        ] {
            let _ = tx.put_object(ROOT, key, ObjType::Map);
        }
    })
}

/// Longest board title, in characters (it shows in lists on phones).
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest note, in characters. Why: a sticky note is a sentence or two; a wall of text belongs
/// in a knowledge document, and 300 notes of it would slow every phone in the room.
pub const MAX_NOTE_CHARS: usize = 500;
/// Default dots per member.
pub const DEFAULT_BUDGET: u32 = 5;
/// Default dots one member may put on one note or group.
pub const DEFAULT_CAP: u32 = 3;
/// Most dots a facilitator may give each member. Why: a bound on what one member can write
/// into the votes map, and more than 20 dots is no longer a choice.
pub const MAX_BUDGET: u32 = 20;

/// How a board lays out its notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Template {
    /// Named columns.
    #[default]
    Columns,
    /// A free canvas.
    Canvas,
}

impl Template {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Columns => "columns",
            Template::Canvas => "canvas",
        }
    }

    /// From the stored name (columns when unknown).
    pub fn parse(text: &str) -> Template {
        if text == "canvas" {
            Template::Canvas
        } else {
            Template::Columns
        }
    }
}

/// The facilitator's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Notes show no author.
    pub anonymous: bool,
    /// In the write phase, members see only their own notes (others' as placeholders).
    pub hide_while_writing: bool,
    /// Vote counts stay hidden until voting ends.
    pub hide_tally: bool,
    /// Only the facilitator may group.
    pub lock_grouping: bool,
    /// Dots per member.
    pub budget: u32,
    /// Dots one member may put on one note or group.
    pub cap: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            anonymous: false,
            hide_while_writing: true,
            hide_tally: false,
            lock_grouping: false,
            budget: DEFAULT_BUDGET,
            cap: DEFAULT_CAP,
        }
    }
}

/// The meeting a board belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meeting {
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    /// Where (a room), or empty.
    pub place: String,
    /// The online meeting's link, or empty.
    pub link: String,
    /// The agenda.
    pub agenda: String,
}

/// A column of a columns board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its place, left to right (in reading order).
    pub order: i64,
}

/// A sticky note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its id.
    pub id: String,
    /// What it says.
    pub text: String,
    /// Who wrote it (a member id).
    pub author: String,
    /// Its colour's name ([`COLOURS`]).
    pub colour: String,
    /// Its column (columns boards), or empty.
    pub column: String,
    /// Its group, or empty.
    pub group: String,
    /// Where on the canvas, in thousandths of its width and height.
    pub x: i64,
    /// See `x`.
    pub y: i64,
    /// When it was written (unix ms).
    pub created_at: i64,
}

/// A named group of notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its column, or empty.
    pub column: String,
    /// When it was made (unix ms).
    pub created_at: i64,
}

/// One dot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    /// Its id (random, so two devices' votes never collide).
    pub id: String,
    /// Whose.
    pub member: String,
    /// On which note or group.
    pub target: String,
    /// When (unix ms, the voter's clock: used only to order one member's own votes).
    pub at: i64,
}

/// An action item of the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Its id.
    pub id: String,
    /// What is to be done.
    pub text: String,
    /// Who does it (a name as typed), or empty.
    pub owner: String,
    /// By when (`YYYY-MM-DD`), or empty.
    pub due: String,
    /// Done.
    pub done: bool,
    /// When it was added (unix ms).
    pub created_at: i64,
}

/// The note colours, by stored name (the stylesheet has one class per name).
pub const COLOURS: [&str; 5] = ["yellow", "blue", "green", "pink", "orange"];

/// The whole board, read at once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Board {
    /// Its title.
    pub title: String,
    /// The question the room works on.
    pub question: String,
    /// Columns or canvas.
    pub template: Template,
    /// Columns, in order.
    pub columns: Vec<Column>,
    /// The meeting.
    pub meeting: Meeting,
    /// A cluster of the community, or empty.
    pub cluster: String,
    /// Who made it.
    pub created_by: String,
    /// Who runs it.
    pub facilitator: String,
    /// The phase.
    pub phase: Phase,
    /// The facilitator's settings.
    pub settings: Settings,
    /// When the timer ends (relay clock, unix ms), if it runs.
    pub timer_ends_at: Option<i64>,
    /// The timer's length, in seconds (what it was set to).
    pub timer_seconds: i64,
    /// Notes, oldest first.
    pub notes: Vec<Note>,
    /// Groups, oldest first.
    pub groups: Vec<Group>,
    /// Every vote cast (see [`votes::counted`] for which count).
    pub votes: Vec<Vote>,
    /// Action items, oldest first.
    pub actions: Vec<Action>,
}

impl Board {
    /// The note `id`.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// The group `id`.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The notes of group `id`, oldest first.
    pub fn notes_in(&self, group: &str) -> Vec<&Note> {
        self.notes.iter().filter(|n| n.group == group).collect()
    }
}

fn object(doc: &impl ReadDoc, key: &str) -> Option<ObjId> {
    At(None).object(doc, &ROOT, key)
}

fn each<T>(doc: &impl ReadDoc, key: &str, read: impl Fn(&ObjId, String) -> T) -> Vec<T> {
    let Some(map) = object(doc, key) else {
        return Vec::new();
    };
    At(None)
        .keys(doc, &map)
        .into_iter()
        .filter_map(|id| At(None).object(doc, &map, &id).map(|obj| read(&obj, id)))
        .collect()
}

fn flag(doc: &impl ReadDoc, obj: &ObjId, key: &str, default: bool) -> bool {
    match At(None).get(doc, obj, key) {
        Some((automerge::Value::Scalar(s), _)) => match s.as_ref() {
            automerge::ScalarValue::Boolean(b) => *b,
            _ => default,
        },
        _ => default,
    }
}

fn count(doc: &impl ReadDoc, obj: &ObjId, key: &str, default: u32, max: u32) -> u32 {
    match At(None).get(doc, obj, key) {
        Some(_) => {
            u32::try_from(At(None).int(doc, obj, key).clamp(0, i64::from(max))).unwrap_or(default)
        }
        None => default,
    }
}

/// Reads the whole board (anything missing reads as empty or as the default).
pub fn read(doc: &impl ReadDoc) -> Board {
    let at = At(None);
    let settings = object(doc, "settings").map_or_else(Settings::default, |s| Settings {
        anonymous: flag(doc, &s, "anonymous", false),
        hide_while_writing: flag(doc, &s, "hide_while_writing", true),
        hide_tally: flag(doc, &s, "hide_tally", false),
        lock_grouping: flag(doc, &s, "lock_grouping", false),
        budget: count(doc, &s, "budget", DEFAULT_BUDGET, MAX_BUDGET),
        cap: count(doc, &s, "cap", DEFAULT_CAP, MAX_BUDGET).max(1),
    });
    let meeting = object(doc, "meeting").map_or_else(Meeting::default, |m| Meeting {
        date: at.scalar_text(doc, &m, "date"),
        place: at.scalar_text(doc, &m, "place"),
        link: at.scalar_text(doc, &m, "link"),
        agenda: at.text(doc, &m, "agenda"),
    });
    let (timer_ends_at, timer_seconds) = object(doc, "timer").map_or((None, 0), |t| {
        let ends = at.int(doc, &t, "ends_at");
        ((ends > 0).then_some(ends), at.int(doc, &t, "seconds"))
    });
    let mut columns = each(doc, "columns", |c, id| Column {
        title: at.scalar_text(doc, c, "title"),
        order: at.int(doc, c, "order"),
        id,
    });
    columns.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    let mut notes = each(doc, "notes", |n, id| Note {
        text: at.text(doc, n, "text"),
        author: at.scalar_text(doc, n, "author"),
        colour: at.scalar_text(doc, n, "colour"),
        column: at.scalar_text(doc, n, "column"),
        group: at.scalar_text(doc, n, "group"),
        x: at.int(doc, n, "x"),
        y: at.int(doc, n, "y"),
        created_at: at.int(doc, n, "created_at"),
        id,
    });
    notes.sort_by_key(|x| (x.created_at, x.id.clone()));
    let mut groups = each(doc, "groups", |g, id| Group {
        name: at.scalar_text(doc, g, "name"),
        column: at.scalar_text(doc, g, "column"),
        created_at: at.int(doc, g, "created_at"),
        id,
    });
    groups.sort_by_key(|x| (x.created_at, x.id.clone()));
    // A note whose group is gone (merged away, or deleted on another device) is ungrouped.
    for note in &mut notes {
        if !note.group.is_empty() && !groups.iter().any(|g| g.id == note.group) {
            note.group.clear();
        }
    }
    let votes = each(doc, "votes", |v, id| Vote {
        member: at.scalar_text(doc, v, "member"),
        target: at.scalar_text(doc, v, "target"),
        at: at.int(doc, v, "at"),
        id,
    });
    let mut actions = each(doc, "actions", |a, id| Action {
        text: at.text(doc, a, "text"),
        owner: at.scalar_text(doc, a, "owner"),
        due: at.scalar_text(doc, a, "due"),
        done: flag(doc, a, "done", false),
        created_at: at.int(doc, a, "created_at"),
        id,
    });
    actions.sort_by_key(|x| (x.created_at, x.id.clone()));
    Board {
        title: at.scalar_text(doc, &ROOT, "title"),
        question: at.text(doc, &ROOT, "question"),
        template: Template::parse(&at.scalar_text(doc, &ROOT, "template")),
        columns,
        meeting,
        cluster: at.scalar_text(doc, &ROOT, "cluster"),
        created_by: at.scalar_text(doc, &ROOT, "created_by"),
        facilitator: at.scalar_text(doc, &ROOT, "facilitator"),
        phase: Phase::parse(&at.scalar_text(doc, &ROOT, "phase")),
        settings,
        timer_ends_at,
        timer_seconds,
        notes,
        groups,
        votes,
        actions,
    }
}
