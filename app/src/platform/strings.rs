//! Strings every feature may show: facts the platform provides (member names, size refusals).

crate::strings! {
    /// A change too large to make was undone; `{size}` its size, `{limit}` the limit.
    change_too_large:
        "השינוי גדול מדי ({size}; המגבלה {limit}) ולא בוצע.",
        "That change is too large ({size}; the limit is {limit}) and was not made.";
    /// A member who has not chosen a name.
    member_unnamed:
        "חבר/ה ללא שם",
        "Unnamed member";
    /// Tells a viewer they cannot edit.
    read_only:
        "ההזמנה שלך מאפשרת צפייה בלבד.",
        "Your invitation lets you read but not edit.";
    /// The home page's name: its navigation label, and where a member is ("on Home").
    nav_home:
        "בית",
        "Home";
}
