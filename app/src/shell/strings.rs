//! The shell's strings: the frame, the home page and the 404 page.

crate::strings! {
    /// The product's name.
    app_name:
        "קהילה",
        "Kehila";
    /// The skip link's text.
    skip_to_content:
        "דילוג לתוכן",
        "Skip to content";
    /// The accessible name of the main navigation.
    main_navigation:
        "ניווט ראשי",
        "Main";
    /// Accessible name of the header's language switch: it begins with what the switch shows (the
    /// other language's name), so a voice user says what they see (WCAG 2.5.3).
    @mixed switch_language:
        "English (switch language)",
        "עברית (החלפת השפה)";
    /// Home page heading.
    home_title:
        "ברוכים הבאים לקהילה",
        "Welcome to Kehila";
    /// Home page introduction.
    home_lead:
        "מרחב העבודה המשותף של קהילת הטרנספורמציה הדיגיטלית בממשלה: ידע, שפה משותפת והערכת בשלות — בטלפון, גם בלי חיבור.",
        "The shared workspace of the government's digital transformation community: knowledge, a common language and maturity assessments — on your phone, even offline.";
    /// Heading above the list of sections on the home page.
    home_sections:
        "מה יש כאן",
        "What is here";
    /// 404 heading.
    not_found_title:
        "הדף לא נמצא",
        "Page not found";
    /// 404 explanation.
    not_found_body:
        "ייתכן שהקישור שגוי או שהדף הועבר.",
        "The link may be wrong, or the page has moved.";
    /// 404 link back home.
    not_found_home:
        "חזרה לדף הבית",
        "Back to the home page";
}
