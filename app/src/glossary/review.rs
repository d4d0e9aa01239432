//! The review workflow: which status moves a role may make, the actions an entry's page offers,
//! and making a move. Pure Automerge; tested natively.

use automerge::transaction::Transaction;
use sync_core::roles::Role;

use super::model::{entry_obj, touch, At, Status};
use crate::sync::write;

/// May a member with `role` move an entry from `from` to `to`? Members propose and submit for
/// review; admins approve, reject (back to proposed), reopen, deprecate and restore; viewers
/// change nothing.
pub fn can_transition(role: Role, from: Status, to: Status) -> bool {
    use Status::*;
    match role {
        Role::Viewer => false,
        Role::Member => matches!((from, to), (Proposed, Review) | (Review, Proposed)),
        Role::Admin => from != to,
    }
}

/// A button in the entry's workflow card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Proposed → review.
    Submit,
    /// Review → approved.
    Approve,
    /// Review or approved → proposed ("send back").
    Reject,
    /// Deprecated → proposed.
    Restore,
    /// Approved or deprecated → review.
    Reopen,
    /// → deprecated, naming a replacement (its own control, with a choice of entry).
    Deprecate,
}

impl Action {
    /// The status the action moves to.
    pub fn to(self) -> Status {
        match self {
            Action::Submit | Action::Reopen => Status::Review,
            Action::Approve => Status::Approved,
            Action::Reject | Action::Restore => Status::Proposed,
            Action::Deprecate => Status::Deprecated,
        }
    }

    /// The key tests and styles find the button by (`data-action`).
    pub fn key(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Restore => "restore",
            Action::Reopen => "reopen",
            Action::Deprecate => "deprecate",
        }
    }
}

/// The actions `role` has on an entry that is `from`, in the order they are shown; the
/// deprecation control last. Each one is a move [`can_transition`] allows, named for what it
/// means from here (moving a deprecated entry back to proposed is restoring it, not rejecting).
pub fn actions(role: Role, from: Status) -> Vec<Action> {
    let offered: &[Action] = match from {
        Status::Proposed => &[Action::Submit, Action::Approve, Action::Deprecate],
        Status::Review => &[Action::Approve, Action::Reject, Action::Deprecate],
        Status::Approved => &[Action::Reject, Action::Reopen, Action::Deprecate],
        Status::Deprecated => &[Action::Approve, Action::Restore, Action::Reopen],
    };
    offered
        .iter()
        .copied()
        .filter(|a| can_transition(role, from, a.to()))
        .collect()
}

/// Why a status change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// The role may not make this move.
    NotAllowed,
    /// No such entry.
    NoEntry,
}

/// Moves entry `id` to `to` if `role` allows it; for a deprecation, `replaced_by` names the
/// entry to use instead (empty for none).
///
/// # Errors
/// [`TransitionError`] when the role may not, or the entry does not exist.
pub fn set_status(
    tx: &mut Transaction<'_>,
    id: &str,
    role: Role,
    to: Status,
    replaced_by: &str,
    member: &str,
    now_ms: i64,
) -> Result<(), TransitionError> {
    let obj = entry_obj(tx, id).ok_or(TransitionError::NoEntry)?;
    let from = Status::parse(&At(None).scalar_text(tx, &obj, "status")).unwrap_or(Status::Proposed);
    if !can_transition(role, from, to) {
        return Err(TransitionError::NotAllowed);
    }
    write::set(tx, &obj, "status", to.as_str());
    let replacement = if to == Status::Deprecated {
        replaced_by
    } else {
        ""
    };
    write::set(tx, &obj, "replaced_by", replacement);
    touch(tx, &obj, member, now_ms);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::model::{create_entry, read_entry, testing::*, EntryEdit};

    #[test]
    fn status_moves_follow_the_role() {
        use Status::*;
        let table = [
            (Role::Viewer, Proposed, Review, false),
            (Role::Member, Proposed, Review, true),
            (Role::Member, Review, Proposed, true),
            (Role::Member, Review, Approved, false),
            (Role::Member, Approved, Deprecated, false),
            (Role::Member, Proposed, Approved, false),
            (Role::Admin, Review, Approved, true),
            (Role::Admin, Review, Proposed, true),
            (Role::Admin, Approved, Deprecated, true),
            (Role::Admin, Deprecated, Proposed, true),
            (Role::Admin, Approved, Approved, false),
        ];
        for (role, from, to, allowed) in table {
            assert_eq!(
                can_transition(role, from, to),
                allowed,
                "{role:?} {from:?}→{to:?}"
            );
        }
        let mut doc = fresh();
        let e = EntryEdit::default();
        commit(&mut doc, "m-a", |tx| {
            create_entry(tx, "e-1", &e, Review, "m-a", 1)
        });
        commit(&mut doc, "m-a", |tx| {
            assert_eq!(
                set_status(tx, "e-1", Role::Member, Approved, "", "m-a", 2),
                Err(TransitionError::NotAllowed)
            );
            assert_eq!(
                set_status(tx, "e-9", Role::Admin, Approved, "", "m-a", 2),
                Err(TransitionError::NoEntry)
            );
            set_status(tx, "e-1", Role::Admin, Deprecated, "e-2", "m-a", 2).unwrap();
        });
        let entry = read_entry(&doc, "e-1", At(None)).unwrap();
        assert_eq!(
            (entry.status(), entry.replaced_by.as_str()),
            (Deprecated, "e-2")
        );
    }

    #[test]
    fn each_role_is_offered_exactly_the_moves_it_may_make() {
        use Action::*;
        use Status::*;
        let table: [(Role, Status, &[Action]); 10] = [
            (Role::Viewer, Proposed, &[]),
            (Role::Viewer, Approved, &[]),
            (Role::Member, Proposed, &[Submit]),
            (Role::Member, Review, &[Reject]),
            (Role::Member, Approved, &[]),
            (Role::Member, Deprecated, &[]),
            (Role::Admin, Proposed, &[Submit, Approve, Deprecate]),
            (Role::Admin, Review, &[Approve, Reject, Deprecate]),
            (Role::Admin, Approved, &[Reject, Reopen, Deprecate]),
            (Role::Admin, Deprecated, &[Approve, Restore, Reopen]),
        ];
        for (role, from, expected) in table {
            let offered = actions(role, from);
            assert_eq!(offered, expected, "{role:?} on {from:?}");
            for action in offered {
                assert!(can_transition(role, from, action.to()));
                assert_ne!(action.to(), from, "no action leaves the entry where it is");
            }
        }
    }
}
