//! Workshop boards: sticky notes, grouping, dot voting, phases and a shared timer, for a room of
//! phones. One document per board (listed in the community's catalog); the rules live in
//! [`model`], tested natively; [`actions`] makes every write; [`view`] one file per part of
//! the page.

pub mod actions;
pub mod feature;
pub mod model;
pub mod strings;
pub mod view;

pub use feature::FEATURE;
