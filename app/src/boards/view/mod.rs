//! The boards' pages: the list ([`list`]), a new board ([`new_board`]) and the board
//! ([`board`]), whose parts each have a file: the phases and timer ([`bar`]), a column with its
//! groups and notes ([`column`]), a note ([`note`]), a group ([`group`]), the outcome
//! ([`outcome`]) and the facilitator's settings ([`settings`]).

mod bar;
mod board;
mod column;
mod group;
mod list;
mod new_board;
mod note;
mod outcome;
mod settings;

pub use board::BoardPage;
pub use list::BoardsPage;
pub use new_board::NewBoardPage;

use leptos::prelude::*;

use super::actions::BoardRef;
use super::model::{phase::Rights, votes::Tally, Board};

/// What every part of a board page reads: the board (re-read on each change), this member's
/// rights on it, and where to write.
#[derive(Clone, Copy)]
pub(super) struct Ctx {
    pub board: Memo<Board>,
    /// The votes, counted once per change of the board.
    pub tally: Memo<Tally>,
    pub rights: Memo<Rights>,
    pub me: Signal<String>,
    pub target: BoardRef,
}
