//! Dot voting: which votes count, the tally, and what a member has left.
//!
//! Every vote is its own key in the document, so two devices of one member voting at once both
//! land. Which count is then decided from the document alone, the same way on every device: a
//! member's votes in the order (time, id) are taken one by one, each counting while the member
//! has budget left and the target has not reached the cap. A vote past either stays in the
//! document but counts for nothing (and the voter sees it returned).
//!
//! A vote on a note that was later grouped counts for the group: the unit voted on is a group or
//! an ungrouped note, and the cap applies to the unit.

use std::collections::HashMap;

use super::{Board, Vote};

/// The unit `target` counts for on `board`: its group when it is a grouped note; `None` when it
/// is neither a note nor a group any more.
pub fn unit<'a>(board: &'a Board, target: &'a str) -> Option<&'a str> {
    if let Some(note) = board.note(target) {
        return Some(if note.group.is_empty() {
            &note.id
        } else {
            &note.group
        });
    }
    board.group(target).map(|g| g.id.as_str())
}

/// The votes that count, each with the unit it counts for.
pub fn counted(board: &Board) -> Vec<(&Vote, &str)> {
    let mut ordered: Vec<&Vote> = board.votes.iter().collect();
    ordered.sort_by(|a, b| {
        (a.member.as_str(), a.at, a.id.as_str()).cmp(&(b.member.as_str(), b.at, b.id.as_str()))
    });
    let (budget, cap) = (board.settings.budget, board.settings.cap);
    let mut spent: HashMap<&str, u32> = HashMap::new();
    let mut placed: HashMap<(&str, &str), u32> = HashMap::new();
    let mut out = Vec::new();
    for vote in ordered {
        let Some(unit) = unit(board, &vote.target) else {
            continue;
        };
        let used = spent.entry(vote.member.as_str()).or_default();
        let here = placed.entry((vote.member.as_str(), unit)).or_default();
        if *used < budget && *here < cap {
            *used += 1;
            *here += 1;
            out.push((vote, unit));
        }
    }
    out
}

/// The count of a board's votes, made once per change of the board and read by every unit on
/// the page (a 300-note board asks it hundreds of times per change).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    /// Dots per unit, most first (ties: the older unit first, as the board shows them).
    pub order: Vec<(String, u32)>,
    /// Each member's counted dots per unit.
    by_member: HashMap<String, HashMap<String, u32>>,
    budget: u32,
    cap: u32,
}

impl Tally {
    /// Counts `board`'s votes ([`counted`]).
    pub fn of(board: &Board) -> Tally {
        let mut totals: HashMap<&str, u32> = HashMap::new();
        let mut by_member: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for (vote, unit) in counted(board) {
            *totals.entry(unit).or_default() += 1;
            *by_member
                .entry(vote.member.clone())
                .or_default()
                .entry(unit.to_string())
                .or_default() += 1;
        }
        let position = |unit: &str| {
            board
                .groups
                .iter()
                .position(|g| g.id == unit)
                .or_else(|| {
                    board
                        .notes
                        .iter()
                        .position(|n| n.id == unit)
                        .map(|i| i + board.groups.len())
                })
                .unwrap_or(usize::MAX)
        };
        let mut order: Vec<(String, u32)> = totals
            .into_iter()
            .map(|(u, n)| (u.to_string(), n))
            .collect();
        order.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| position(&a.0).cmp(&position(&b.0)))
        });
        Tally {
            order,
            by_member,
            budget: board.settings.budget,
            cap: board.settings.cap,
        }
    }

    /// Dots on `unit`.
    pub fn total(&self, unit: &str) -> u32 {
        self.order
            .iter()
            .find(|(u, _)| u == unit)
            .map_or(0, |(_, n)| *n)
    }

    /// `member`'s counted dots on `unit`.
    pub fn mine(&self, member: &str, unit: &str) -> u32 {
        self.by_member
            .get(member)
            .and_then(|units| units.get(unit))
            .copied()
            .unwrap_or(0)
    }

    /// Dots `member` has left.
    pub fn left(&self, member: &str) -> u32 {
        let used: u32 = self
            .by_member
            .get(member)
            .map_or(0, |units| units.values().sum());
        self.budget.saturating_sub(used)
    }

    /// May `member` put one more dot on `unit` (budget and cap)?
    pub fn may_vote(&self, member: &str, unit: &str) -> bool {
        self.left(member) > 0 && self.mine(member, unit) < self.cap
    }
}

/// The vote to take back when `member` removes a dot from `unit`: their newest counted one there.
pub fn to_take_back<'a>(board: &'a Board, member: &str, unit: &str) -> Option<&'a Vote> {
    counted(board)
        .into_iter()
        .filter(|(v, u)| v.member == member && *u == unit)
        .map(|(v, _)| v)
        .max_by(|a, b| (a.at, a.id.as_str()).cmp(&(b.at, b.id.as_str())))
}
