//! The board's phases and who may do what in each. The facilitator (the board's creator, or
//! whoever it was handed to) and admins run the phases; viewers only watch.

use sync_core::roles::Role;

use super::Board;

/// Where the workshop is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum Phase {
    /// Everyone writes notes (others' notes hidden if the board says so).
    #[default]
    Write,
    /// Notes are grouped.
    Group,
    /// Dot voting.
    Vote,
    /// The results are discussed, actions agreed.
    Discuss,
    /// Closed: the board is a record.
    Done,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 5] = [
        Phase::Write,
        Phase::Group,
        Phase::Vote,
        Phase::Discuss,
        Phase::Done,
    ];

    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Write => "write",
            Phase::Group => "group",
            Phase::Vote => "vote",
            Phase::Discuss => "discuss",
            Phase::Done => "done",
        }
    }

    /// From the stored name (write when unknown: a board from a newer app still opens).
    pub fn parse(text: &str) -> Phase {
        Phase::ALL
            .into_iter()
            .find(|p| p.as_str() == text)
            .unwrap_or_default()
    }

    /// The phase after this one.
    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }

    /// The phase before this one (a facilitator may go back: "one more minute of writing").
    pub fn previous(self) -> Option<Phase> {
        self.index().checked_sub(1).map(|i| Phase::ALL[i])
    }

    fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// Who is acting: a member id and the role of their invitation.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// The member id.
    pub member: &'a str,
    /// The role.
    pub role: Role,
}

/// What `actor` may do on `board` now. One place decides; the view shows only what is allowed,
/// and the actions refuse the rest (another device may have moved the phase meanwhile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rights {
    /// Runs the phases, the timer and the settings.
    pub facilitate: bool,
    /// Adds notes.
    pub add_notes: bool,
    /// Groups notes (makes, names, merges and splits groups).
    pub group: bool,
    /// Votes.
    pub vote: bool,
    /// Adds and edits action items.
    pub act: bool,
}

impl Rights {
    /// The rights of `actor` on `board`.
    pub fn of(board: &Board, actor: Actor<'_>) -> Rights {
        let writer = actor.role.can_write();
        let facilitate =
            writer && (actor.role == Role::Admin || is_facilitator(board, actor.member));
        let open = board.phase != Phase::Done;
        Rights {
            facilitate,
            add_notes: writer && matches!(board.phase, Phase::Write | Phase::Group),
            group: writer
                && matches!(board.phase, Phase::Group | Phase::Discuss)
                && (facilitate || !board.settings.lock_grouping),
            vote: writer && board.phase == Phase::Vote,
            act: writer && open && (facilitate || board.phase == Phase::Discuss),
        }
    }

    /// May `actor` edit or delete note `author` wrote? Its author while notes are open, and the
    /// facilitator (tidying) at any phase before done.
    pub fn may_edit_note(board: &Board, actor: Actor<'_>, author: &str) -> bool {
        let rights = Rights::of(board, actor);
        board.phase != Phase::Done
            && actor.role.can_write()
            && (rights.facilitate || (author == actor.member && board.phase <= Phase::Group))
    }
}

/// True when `member` runs `board`: the facilitator named, or its creator when none is.
pub fn is_facilitator(board: &Board, member: &str) -> bool {
    let runner = if board.facilitator.is_empty() {
        &board.created_by
    } else {
        &board.facilitator
    };
    !member.is_empty() && runner == member
}

/// Whether `viewer` sees the content of a note `author` wrote: everyone's from the group phase
/// on, or with hiding off; in the write phase only their own.
pub fn shows_note(board: &Board, viewer: &str, author: &str) -> bool {
    board.phase != Phase::Write || !board.settings.hide_while_writing || author == viewer
}
