//! Workshop boards: sticky notes, grouping, dot voting, phases and a shared timer, for a room of
//! phones. One document per board (listed in the community's catalog); the rules live in
//! [`model`], tested natively.

pub mod model;
