//! The glossary's strings.

crate::strings! {
    /// Navigation label of the glossary.
    nav_glossary:
        "מונחים",
        "Glossary";
    /// Page headings and one-line descriptions of each feature.
    glossary_title:
        "מילון מונחים",
        "Glossary";
    /// What the glossary is for.
    glossary_about:
        "השפה המשותפת של הקהילה, בעברית ובאנגלית, בעריכה משותפת.",
        "The community's shared language, in Hebrew and English, co-edited.";
    /// Glossary: search field label.
    g_search_label:
        "חיפוש מונחים",
        "Search terms";
    /// Glossary: search hint.
    g_search_hint:
        "בעברית או באנגלית, עם או בלי ניקוד ותחיליות.",
        "In Hebrew or English; niqqud, prefixes and accents are fine.";
    /// Glossary: the control that shows the filters, the order and the jump bar.
    g_options:
        "סינון וסדר",
        "Filter and order";
    /// Glossary: order choice.
    g_sort_label:
        "סדר",
        "Order";
    /// Glossary: alef-bet order.
    g_sort_he:
        "אלף-בית (א–ת)",
        "Hebrew alphabet";
    /// Glossary: English order.
    g_sort_en:
        "אנגלית (A–Z)",
        "English A–Z";
    /// Glossary: status filter label.
    g_status_filter:
        "סטטוס",
        "Status";
    /// Glossary: domain filter label.
    g_domain_filter:
        "תחום",
        "Domain";
    /// Glossary: no filter.
    g_all:
        "הכול",
        "All";
    /// Status name.
    g_status_proposed:
        "מוצע",
        "Proposed";
    /// Status name.
    g_status_review:
        "בבדיקה",
        "In review";
    /// Status name.
    g_status_approved:
        "מאושר",
        "Approved";
    /// Status name.
    g_status_deprecated:
        "מיושן",
        "Deprecated";
    /// One term (a count; see `i18n::count`).
    g_terms_one:
        "מונח אחד",
        "1 term";
    /// `{n}` terms (a count, any number but one).
    g_terms_other:
        "{n} מונחים",
        "{n} terms";
    /// One row of an imported file (a count).
    g_rows_one:
        "שורה אחת",
        "1 row";
    /// `{n}` rows of an imported file (a count, any number but one).
    g_rows_other:
        "{n} שורות",
        "{n} rows";
    /// No search result; `{q}` is the query.
    g_no_results:
        "לא נמצא מונח שמתאים ל„{q}”. נסו פחות אותיות, או הוסיפו אותו כמונח חדש.",
        "No term matches “{q}”. Try fewer letters, or add it as a new term.";
    /// Adds the term searched for and not found; `{q}`.
    g_add_searched:
        "הוספת „{q}” כמונח חדש",
        "Add “{q}” as a new term";
    /// Empty glossary.
    g_empty:
        "המילון עדיין ריק. הוסיפו מונח ראשון, ייבאו קובץ, או התחילו מהמילון ההתחלתי.",
        "The glossary is empty. Add the first term, import a file, or start from the starter glossary.";
    /// The glossary is loading from the device.
    g_loading:
        "טוען את המילון…",
        "Loading the glossary…";
    /// Loads the starter glossary.
    g_starter:
        "התחלה מהמילון ההתחלתי (40 מונחים)",
        "Start from the starter glossary (40 terms)";
    /// Link to the new-term form.
    g_new:
        "מונח חדש",
        "New term";
    /// Link to import and export.
    g_transfer:
        "ייבוא וייצוא",
        "Import and export";
    /// Name of the alphabet jump bar.
    g_jump:
        "קפיצה לאות",
        "Jump to a letter";
    /// Who else views an entry; `{names}`.
    g_here:
        "כאן עכשיו: {names}",
        "Here now: {names}";
    /// Field label.
    g_term_he:
        "מונח בעברית",
        "Hebrew term";
    /// Field label.
    g_term_en:
        "מונח באנגלית",
        "English term";
    /// Field label.
    g_synonyms_he:
        "מילים נרדפות וצורות נוספות בעברית (מופרדות ב-;)",
        "Hebrew synonyms and variants (separated by ;)";
    /// Field label.
    g_synonyms_en:
        "מילים נרדפות באנגלית (מופרדות ב-;)",
        "English synonyms and variants (separated by ;)";
    /// Field label.
    g_abbr_he:
        "ראשי תיבות בעברית",
        "Hebrew abbreviations";
    /// Field label.
    g_abbr_en:
        "ראשי תיבות באנגלית",
        "English abbreviations";
    /// Field label.
    g_definition_he:
        "הגדרה בעברית",
        "Definition in Hebrew";
    /// Field label.
    g_definition_en:
        "הגדרה באנגלית",
        "Definition in English";
    /// Field label.
    g_example:
        "דוגמת שימוש",
        "Usage example";
    /// Field label.
    g_source:
        "מקור או אסמכתה",
        "Source or reference";
    /// Field label.
    g_source_url:
        "קישור למקור",
        "Link to the source";
    /// Field label.
    g_domain:
        "תחום או אשכול מקצועי",
        "Domain or professional cluster";
    /// Field label.
    g_notes:
        "הערות",
        "Notes";
    /// Field label.
    g_related:
        "מונחים קשורים",
        "Related terms";
    /// Adds a related term.
    g_related_add:
        "הוספת מונח קשור",
        "Add a related term";
    /// Removes an item; `{item}` names it.
    g_remove:
        "הסרת {item}",
        "Remove {item}";
    /// Creates the entry.
    g_create:
        "הוספת המונח",
        "Add the term";
    /// Error: no term.
    g_need_term:
        "נא לכתוב מונח בעברית או באנגלית.",
        "Please enter a term in Hebrew or in English.";
    /// Error: the term exists; `{term}`.
    g_duplicate:
        "„{term}” כבר נמצא במילון.",
        "“{term}” is already in the glossary.";
    /// Heading of the edit form.
    g_edit:
        "עריכת המונח",
        "Edit this term";
    /// Said after a review move; `{status}` is the new status.
    g_status_now:
        "הסטטוס עכשיו: {status}",
        "The status is now: {status}";
    /// Ends editing: back to reading the entry.
    g_edit_done:
        "סיום העריכה",
        "Done editing";
    /// How editing works.
    g_edit_hint:
        "השינויים נשמרים מיד ומסונכרנים עם כל החברים.",
        "Changes are saved as you type and reach every member.";
    /// Shares on WhatsApp.
    g_share:
        "שליחה בוואטסאפ",
        "Share on WhatsApp";
    /// Copies the entry's link.
    g_copy_link:
        "העתקת קישור",
        "Copy link";
    /// Confirms the copy.
    g_link_copied:
        "הקישור הועתק.",
        "Link copied.";
    /// Workflow action.
    g_submit_review:
        "שליחה לבדיקה",
        "Submit for review";
    /// Workflow action.
    g_approve:
        "אישור",
        "Approve";
    /// Workflow action.
    g_reject:
        "החזרה להצעה",
        "Send back";
    /// Workflow action.
    g_deprecate:
        "סימון כמיושן",
        "Deprecate";
    /// Workflow action.
    g_restore:
        "החזרה לשימוש",
        "Restore";
    /// Workflow action.
    g_reopen:
        "פתיחה מחדש לבדיקה",
        "Reopen for review";
    /// Label: the replacement of a deprecated term.
    g_use_instead:
        "המונח שבמקומו",
        "Term to use instead";
    /// An entry picker's hint, before anything is typed.
    g_pick_hint:
        "הקלידו חלק מהמונח, בעברית או באנגלית, ובחרו מהתוצאות.",
        "Type part of the term, in Hebrew or English, and choose from the results.";
    /// An entry picker: how many entries match what was typed; `{n}`.
    g_pick_found:
        "נמצאו: {n}",
        "Found: {n}";
    /// An entry picker: nothing matches what was typed.
    g_pick_nothing:
        "לא נמצא מונח כזה.",
        "No term matches.";
    /// The replacement chosen for a deprecated term; `{item}` names it.
    g_chosen:
        "נבחר: {item}",
        "Chosen: {item}";
    /// Heading of the review actions.
    g_workflow:
        "סטטוס ובדיקה",
        "Status and review";
    /// What members may do.
    g_workflow_member:
        "חברים מציעים ושולחים לבדיקה; מנהלים מאשרים, מחזירים או מסמנים כמיושן.",
        "Members propose and submit for review; admins approve, send back or deprecate.";
    /// A deprecated entry.
    g_deprecated_notice:
        "המונח הזה מיושן.",
        "This term is deprecated.";
    /// Which term to use; `{term}`.
    g_use_x:
        "השתמשו במקומו ב:",
        "Use instead:";
    /// History heading.
    g_history:
        "היסטוריית שינויים",
        "History";
    /// A history line; `{who}` and `{fields}`.
    g_history_item:
        "{who} שינה/תה: {fields}",
        "{who} changed: {fields}";
    /// Shows an earlier version.
    g_show_version:
        "הצגת הגרסה הזו",
        "Show this version";
    /// Heading of an earlier version; `{date}`.
    g_version_of:
        "הגרסה מ-{date}",
        "The version of {date}";
    /// Closes a panel.
    g_close:
        "סגירה",
        "Close";
    /// Heading of what one history item changed, inside its version's panel.
    g_what_changed:
        "מה השתנה",
        "What changed";
    /// Before words a history diff removed (read by screen readers, not shown).
    g_words_removed:
        "נמחק:",
        "removed:";
    /// Before words a history diff added (read by screen readers, not shown).
    g_words_added:
        "נוסף:",
        "added:";
    /// Heading of the entry as it read in an earlier version, inside its panel.
    g_version_entry:
        "הערך בגרסה זו",
        "The entry in this version";
    /// A history item whose change shows nothing in the entry (e.g. text typed and deleted).
    g_nothing_visible:
        "לא השתנה דבר שנראה בערך.",
        "Nothing visible in the entry changed.";
    /// In a history line: the change restored an earlier version.
    g_restored_field:
        "שחזור גרסה קודמת",
        "restored an earlier version";
    /// Restores an earlier version of an entry, as a new change.
    g_restore_version:
        "שחזור הגרסה הזו",
        "Restore this version";
    /// Said once a version is restored; `{date}`.
    g_restored:
        "הגרסה מ-{date} שוחזרה, והשחזור נוסף להיסטוריה.",
        "The version of {date} is restored; the restore is in the history.";
    /// An earlier version that already reads as the entry does now.
    g_same_as_now:
        "כך בדיוק נראה הערך עכשיו.",
        "The entry reads exactly like this now.";
    /// Last change; `{who}`, `{date}`.
    g_updated:
        "שונה לאחרונה על ידי {who}, {date}",
        "Last changed by {who}, {date}";
    /// An entry that is not there.
    g_not_found:
        "המונח הזה לא נמצא במילון (אולי נמחק, או שעוד לא סונכרן).",
        "This term is not in the glossary (it may have been removed, or not synced yet).";
    /// Link back to the list.
    g_back:
        "חזרה למילון",
        "Back to the glossary";
    /// Export heading.
    g_export:
        "ייצוא",
        "Export";
    /// Export format.
    g_export_csv:
        "CSV (לאקסל)",
        "CSV (Excel)";
    /// Export format.
    g_export_json:
        "JSON (לתוכנות)",
        "JSON";
    /// Export format.
    g_export_md:
        "Markdown (למסמכים)",
        "Markdown";
    /// Import heading.
    g_import:
        "ייבוא",
        "Import";
    /// How import works.
    g_import_hint:
        "קובץ CSV או JSON עם העמודות term_he, term_en, definition_he… אפשר לבדוק את התצוגה המקדימה — שום דבר לא נשמר לפני האישור.",
        "A CSV or JSON file with the columns term_he, term_en, definition_he…; check the preview — nothing is saved until you confirm.";
    /// The import's file button (the file input's label).
    g_import_file:
        "בחירת קובץ לייבוא",
        "Choose a file to import";
    /// Preview summary; `{ok}` and `{bad}` are counts of rows.
    g_preview:
        "מוכנות לייבוא: {ok}; עם בעיות (לא ייובאו): {bad}",
        "Ready to import: {ok}; with problems (they will be skipped): {bad}";
    /// Said after an export; `{terms}` a count of terms, `{file}` the file's name.
    g_exported:
        "יוצאו {terms} לקובץ {file}.",
        "Exported {terms} to {file}.";
    /// Rows whose term is already in the glossary; `{n}` rows, `{changed}` of them with changes.
    g_preview_existing:
        "כבר במילון: {n}; מהן עם שינויים: {changed}",
        "Already in the glossary: {n}; with changes: {changed}";
    /// Applies the file's changes to entries already in the glossary; `{n}` a count of terms.
    g_import_update:
        "לעדכן לפי הקובץ גם מונחים שכבר במילון ({n})",
        "Also update the terms already in the glossary from this file ({n})";
    /// How an update works.
    g_import_update_hint:
        "רק תא מלא מחליף את מה שכתוב במונח; תא ריק לא מוחק, והסטטוס לא משתנה.",
        "Only a filled cell replaces what the entry says; an empty cell erases nothing, and the status stays.";
    /// Column of the import preview: what importing the row does.
    g_import_outcome:
        "מה ייעשה",
        "What happens";
    /// A row that becomes a new entry; `{status}`.
    g_row_new:
        "מונח חדש ({status})",
        "New term ({status})";
    /// A row that updates an entry already there.
    g_row_update:
        "עדכון המונח הקיים:",
        "Updates the term already there:";
    /// A row whose entry is already there, changes not applied.
    g_row_update_off:
        "כבר במילון; השינויים לא ייובאו אלא אם מסמנים עדכון:",
        "Already in the glossary; these changes are skipped unless updating is ticked:";
    /// A row whose entry already says the same.
    g_row_same:
        "כבר במילון, בלי שינוי",
        "Already in the glossary, nothing new";
    /// Confirms an import with updates; `{terms}` new and `{updated}` updated, counts of terms.
    g_import_confirm_update:
        "ייבוא {terms} ועדכון {updated}",
        "Import {terms} and update {updated}";
    /// Confirms an import; `{terms}` is a count of terms.
    g_import_confirm:
        "ייבוא {terms}",
        "Import {terms}";
    /// Cancels.
    g_cancel:
        "ביטול",
        "Cancel";
    /// What an import did; `{added}` a count of terms, `{skipped}` of rows.
    g_import_result:
        "נוספו למילון: {added}. עודכנו: {updated}. דולגו: {skipped} (כבר במילון, כפולות או עם שגיאה).",
        "Added to the glossary: {added}. Updated: {updated}. Skipped: {skipped} (already in it, repeated or with an error).";
    /// What loading the starter glossary did; `{added}` and `{skipped}` are counts of terms.
    g_starter_result:
        "נוספו מהמילון ההתחלתי: {added}. כבר היו במילון: {skipped}.",
        "Added from the starter glossary: {added}. Already in the glossary: {skipped}.";
    /// The encoding an imported file was read in; `{encoding}`.
    g_encoding:
        "הקובץ נקרא בקידוד {encoding}.",
        "The file was read as {encoding}.";
    /// A file in none of the encodings an import reads.
    g_file_undecodable:
        "הקובץ אינו בקידוד מוכר (UTF-8, UTF-16 או Windows-1255). באקסל: שמירה בשם ← CSV UTF-8.",
        "The file is in no encoding Kehila reads (UTF-8, UTF-16 or Windows-1255). In Excel: Save As → CSV UTF-8.";
    /// Column of the import preview: the row's number, as the spreadsheet shows it.
    g_row:
        "שורה",
        "Row";
    /// Row error.
    g_err_missing:
        "אין מונח",
        "no term";
    /// Row error; `{term}`.
    g_err_duplicate:
        "„{term}” כבר קיים במילון",
        "“{term}” is already in the glossary";
    /// Row error; `{term}`, `{n}`.
    g_err_duplicate_row:
        "„{term}” כבר מופיע בשורה {n}",
        "“{term}” repeats row {n}";
    /// Row error; `{s}`.
    g_err_status:
        "סטטוס לא מוכר: {s}",
        "unknown status: {s}";
    /// Row error; `{s}`.
    g_err_link:
        "הקישור אינו כתובת אינטרנט: {s}",
        "not a web link: {s}";
    /// The file cannot be read; `{error}`.
    g_file_error:
        "אי אפשר לייבא את הקובץ: {error}",
        "This file cannot be imported: {error}";
    /// File error.
    g_file_no_header:
        "השורה הראשונה צריכה לכלול את שמות העמודות (term_he, term_en…)",
        "the first row must name the columns (term_he, term_en, …)";
    /// File error; `{n}`.
    g_too_many:
        "יותר מ-{n} שורות",
        "more than {n} rows";
    /// Opens a term's entry; `{term}`.
    g_term_tip:
        "למונח {term} במילון",
        "Open {term} in the glossary";
    /// Shows more entries; `{n}`.
    g_more:
        "הצגת {n} נוספים",
        "Show {n} more";
    /// History: the entry was created.
    g_created:
        "יצירת המונח",
        "created the term";
    /// History: synonyms changed.
    g_related_synonyms:
        "מילים נרדפות",
        "synonyms";
    /// Heading of an entry's synonyms (Hebrew and English together).
    g_synonyms_heading:
        "מילים נרדפות",
        "Synonyms";
    /// Heading of an entry's abbreviations (Hebrew and English together).
    g_abbr_heading:
        "ראשי תיבות",
        "Abbreviations";
}
