//! The language setting's strings.

crate::strings! {
    /// Settings: heading of the language choice.
    language_heading:
        "שפה",
        "Language";
    /// Settings: the language choice's explanation.
    language_hint:
        "הבחירה נשמרת במכשיר הזה.",
        "Your choice is remembered on this device.";
}
