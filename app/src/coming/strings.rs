//! The strings of the sections still to come.

crate::strings! {
    /// Navigation label of the documents.
    nav_documents:
        "מסמכים",
        "Docs";
    /// Navigation label of the assessments.
    nav_assessments:
        "הערכות",
        "Maturity";
    /// Documents heading.
    documents_title:
        "מסמכי ידע",
        "Knowledge documents";
    /// What documents are for.
    documents_about:
        "מאמרים, כלים מעשיים, פרקטיקות מומלצות וניתוחי הצלחות וכישלונות.",
        "Articles, practical tools, best practices and analyses of successes and failures.";
    /// Assessments heading.
    assessments_title:
        "הערכות בשלות",
        "Maturity assessments";
    /// What assessments are for.
    assessments_about:
        "דירוג פרויקט בשבע עדשות ובחמש רמות, והצעד הבא לכל עדשה.",
        "Rate a project on seven lenses and five levels, and see the next step for each lens.";
    /// The honest empty state of a feature that is not built yet.
    coming:
        "החלק הזה של קהילה עדיין בבנייה ויופיע כאן בקרוב.",
        "This part of Kehila is still being built and will appear here soon.";
}
