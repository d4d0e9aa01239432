//! What part of a document a change touched, as paths of map keys (and list indices as text),
//! for views that re-read only what changed.
//!
//! Paths come from the patches Automerge logs **while applying** a change (a local commit,
//! another tab's changes, a sync message): proportional to the change, not to the document.
//! Asking Automerge to diff two versions instead walks the whole document — for the 2,000-entry
//! glossary about 200 ms per keystroke on a phone-class CPU. A batch past
//! [`MAX_CHANGES_TO_PATCH`] changes (a first sync that brings a whole glossary) is not logged at
//! all: it reads as [`Touched::Everything`], and views re-read everything, in slices.

use automerge::{Patch, PatchAction, Prop};

/// Changes in one batch past which no patches are logged. Why: a patch per operation for a
/// first sync of millions of operations would cost as much memory as the document; re-reading
/// everything is cheaper past a few hundred changes.
pub const MAX_CHANGES_TO_PATCH: usize = 200;

/// What a change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// Anything may have changed (a first load, a large batch): re-read everything.
    Everything,
    /// These paths (and what is below them) changed.
    Paths(Vec<Vec<String>>),
}

impl Touched {
    /// The paths `patches` touched. A change inside a list or text touches the list itself,
    /// since indices shift.
    pub fn from_patches(patches: &[Patch]) -> Touched {
        Touched::Paths(patches.iter().map(path_of).collect())
    }

    /// True when a view of `watched` must re-read: one path contains the other (a change below
    /// what is watched, or a replacement of something above it).
    pub fn concerns(&self, watched: &[String]) -> bool {
        match self {
            Touched::Everything => true,
            Touched::Paths(paths) => paths.iter().any(|t| overlaps(watched, t)),
        }
    }

    /// The touched paths, with [`Touched::Everything`] as the root path (every path is below it).
    pub fn paths(&self) -> Vec<Vec<String>> {
        match self {
            Touched::Everything => vec![Vec::new()],
            Touched::Paths(paths) => paths.clone(),
        }
    }
}

/// True when one path contains the other.
pub fn overlaps(watched: &[String], touched: &[String]) -> bool {
    watched.iter().zip(touched).all(|(a, b)| a == b)
}

fn path_of(patch: &Patch) -> Vec<String> {
    let mut path: Vec<String> = patch
        .path
        .iter()
        .map(|(_, prop)| match prop {
            Prop::Map(key) => key.clone(),
            Prop::Seq(index) => index.to_string(),
        })
        .collect();
    match &patch.action {
        PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => path.push(key.clone()),
        PatchAction::Increment { prop, .. } | PatchAction::Conflict { prop } => {
            if let Prop::Map(key) = prop {
                path.push(key.clone());
            }
        }
        _ => {}
    }
    path
}
