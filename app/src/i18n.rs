//! Languages and UI strings.
//!
//! Every string the UI shows lives in [`HE`] or [`EN`], two values of one struct, so the compiler
//! refuses a string that exists in one language only. Components read the current table through
//! [`use_strings`]; the language itself is a signal in context ([`provide_language`]) that is
//! remembered per device (localStorage) and mirrored onto `<html lang dir>`.

use leptos::prelude::*;

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Hebrew, right-to-left: the default, the community's working language.
    #[default]
    He,
    /// English, left-to-right.
    En,
}

impl Lang {
    /// The BCP 47 code, as used in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::He => "he",
            Lang::En => "en",
        }
    }

    /// The writing direction, as used in `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::He => "rtl",
            Lang::En => "ltr",
        }
    }

    /// The other language (what the header's switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::He => Lang::En,
            Lang::En => Lang::He,
        }
    }

    /// The language's own name for itself, shown on switches.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::He => "עברית",
            Lang::En => "English",
        }
    }

    /// Parses a stored code; anything unknown is `None` (and the caller falls back to Hebrew).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "he" => Some(Lang::He),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The string table for this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::He => &HE,
            Lang::En => &EN,
        }
    }
}

/// Every string the UI shows, in one language.
#[derive(Debug)]
pub struct Strings {
    /// The product's name.
    pub app_name: &'static str,
    /// The skip link's text.
    pub skip_to_content: &'static str,
    /// The accessible name of the main navigation.
    pub main_navigation: &'static str,
    /// Accessible name of the header's language switch (its text is the other language's name).
    pub switch_language: &'static str,
    /// Navigation labels, short enough for a phone's bottom bar.
    pub nav_home: &'static str,
    /// Navigation label of the glossary.
    pub nav_glossary: &'static str,
    /// Navigation label of the documents.
    pub nav_documents: &'static str,
    /// Navigation label of the assessments.
    pub nav_assessments: &'static str,
    /// Navigation label of the workshop boards.
    pub nav_boards: &'static str,
    /// Navigation label of the community and settings page.
    pub nav_community: &'static str,
    /// Home page heading.
    pub home_title: &'static str,
    /// Home page introduction.
    pub home_lead: &'static str,
    /// Heading above the list of sections on the home page.
    pub home_sections: &'static str,
    /// Page headings and one-line descriptions of each feature.
    pub glossary_title: &'static str,
    /// What the glossary is for.
    pub glossary_about: &'static str,
    /// Documents heading.
    pub documents_title: &'static str,
    /// What documents are for.
    pub documents_about: &'static str,
    /// Assessments heading.
    pub assessments_title: &'static str,
    /// What assessments are for.
    pub assessments_about: &'static str,
    /// Boards heading.
    pub boards_title: &'static str,
    /// What boards are for.
    pub boards_about: &'static str,
    /// Community and settings heading.
    pub community_title: &'static str,
    /// What the community page is for.
    pub community_about: &'static str,
    /// The honest empty state of a feature that is not built yet.
    pub coming: &'static str,
    /// Settings: heading of the language choice.
    pub language_heading: &'static str,
    /// Settings: the language choice's explanation.
    pub language_hint: &'static str,
    /// 404 heading.
    pub not_found_title: &'static str,
    /// 404 explanation.
    pub not_found_body: &'static str,
    /// 404 link back home.
    pub not_found_home: &'static str,
    /// Accessible name of the sync badge.
    pub sync_label: &'static str,
    /// Badge: no connection, nothing waiting.
    pub sync_offline: &'static str,
    /// Badge: no connection, `{n}` changes kept on the device.
    pub sync_saved: &'static str,
    /// Badge: connected, `{n}` changes not yet confirmed.
    pub sync_syncing: &'static str,
    /// Badge: everything is on the relay.
    pub sync_synced: &'static str,
    /// Badge: this device's storage failed; `{n}` changes are only in memory (retrying).
    pub sync_unsaved: &'static str,
    /// Badge: a document is held back (over a size limit); `{n}` changes kept on the device.
    pub sync_held: &'static str,
    /// While the app asks the relay about this device's session.
    pub join_checking: &'static str,
    /// Heading when the device is not in a community.
    pub join_needed_title: &'static str,
    /// What to do to join.
    pub join_needed_body: &'static str,
    /// The link's invitation was refused.
    pub invite_refused: &'static str,
    /// The relay ended this device's session.
    pub session_ended: &'static str,
    /// Device storage failed; `{error}` is the browser's message.
    pub storage_failed: &'static str,
    /// What a full device's storage error says, in place of the browser's words.
    pub storage_full: &'static str,
    /// The relay refused a document over its size limit; `{limit}` is the limit (e.g. 16 MB).
    pub held_document_full: &'static str,
    /// The relay refused: the community's storage is full; `{limit}` as above.
    pub held_community_full: &'static str,
    /// This device did not send changes too large for one message; `{limit}` as above.
    pub held_too_large: &'static str,
    /// A change too large to make was undone; `{size}` its size, `{limit}` the limit.
    pub change_too_large: &'static str,
    /// Lead line naming the community; `{name}` is its name.
    pub community_of: &'static str,
    /// Heading of the display name form.
    pub name_heading: &'static str,
    /// Asks a new member to choose a display name.
    pub name_prompt: &'static str,
    /// Label of the display name field.
    pub name_label: &'static str,
    /// Saves the display name.
    pub name_save: &'static str,
    /// Confirms the name was saved.
    pub name_saved: &'static str,
    /// Heading of the member list.
    pub members_heading: &'static str,
    /// No members yet.
    pub members_empty: &'static str,
    /// A member who has not chosen a name.
    pub member_unnamed: &'static str,
    /// Marks the person's own entry.
    pub member_you: &'static str,
    /// Marks a member who is online now.
    pub member_online: &'static str,
    /// Where an online member is; `{page}` is a page name.
    pub member_viewing: &'static str,
    /// Role name: reads only.
    pub role_viewer: &'static str,
    /// Role name: edits.
    pub role_member: &'static str,
    /// Role name: manages invitations.
    pub role_admin: &'static str,
    /// Heading of the community description.
    pub about_heading: &'static str,
    /// Label of the co-edited description.
    pub about_label: &'static str,
    /// Tells a viewer they cannot edit.
    pub read_only: &'static str,
    /// Heading of the document catalog.
    pub catalog_heading: &'static str,
    /// Empty catalog.
    pub catalog_empty: &'static str,
    /// Label of the new document's title.
    pub catalog_title_label: &'static str,
    /// Label of the new document's kind.
    pub catalog_kind_label: &'static str,
    /// Adds the document to the catalog.
    pub catalog_add: &'static str,
    /// Error: the title is empty.
    pub catalog_no_title: &'static str,
    /// Document kind.
    pub kind_article: &'static str,
    /// Document kind.
    pub kind_tool: &'static str,
    /// Document kind.
    pub kind_practice: &'static str,
    /// Document kind.
    pub kind_case: &'static str,
    /// Heading of the invitations section (admins).
    pub invites_heading: &'static str,
    /// What an invitation link does.
    pub invites_hint: &'static str,
    /// Label of the invitation's role.
    pub invite_role_label: &'static str,
    /// Label of the invitation's validity.
    pub invite_expiry_label: &'static str,
    /// Validity option.
    pub expiry_day: &'static str,
    /// Validity option.
    pub expiry_week: &'static str,
    /// Validity option.
    pub expiry_month: &'static str,
    /// Creates an invitation link.
    pub invite_create: &'static str,
    /// Label of the created link.
    pub invite_link_label: &'static str,
    /// Copies the link.
    pub invite_copy: &'static str,
    /// Confirms the copy.
    pub invite_copied: &'static str,
    /// Shares the link on WhatsApp.
    pub invite_whatsapp: &'static str,
    /// Text sent with the link on WhatsApp.
    pub invite_message: &'static str,
    /// Heading of the list of invitations.
    pub invites_active: &'static str,
    /// No invitations yet.
    pub invites_none: &'static str,
    /// When an invitation expires; `{date}` is a date.
    pub invite_until: &'static str,
    /// Revokes an invitation.
    pub invite_revoke: &'static str,
    /// Marks a revoked invitation.
    pub invite_revoked: &'static str,
    /// An invitation request failed; `{error}` says why.
    pub invite_failed: &'static str,
    /// Invitation management needs the network.
    pub invite_offline: &'static str,
    /// Glossary: search field label.
    pub g_search_label: &'static str,
    /// Glossary: search hint.
    pub g_search_hint: &'static str,
    /// Glossary: order choice.
    pub g_sort_label: &'static str,
    /// Glossary: alef-bet order.
    pub g_sort_he: &'static str,
    /// Glossary: English order.
    pub g_sort_en: &'static str,
    /// Glossary: status filter label.
    pub g_status_filter: &'static str,
    /// Glossary: domain filter label.
    pub g_domain_filter: &'static str,
    /// Glossary: no filter.
    pub g_all: &'static str,
    /// Status name.
    pub g_status_proposed: &'static str,
    /// Status name.
    pub g_status_review: &'static str,
    /// Status name.
    pub g_status_approved: &'static str,
    /// Status name.
    pub g_status_deprecated: &'static str,
    /// How many terms are listed; `{n}`.
    pub g_count: &'static str,
    /// No search result; `{q}` is the query.
    pub g_no_results: &'static str,
    /// Empty glossary.
    pub g_empty: &'static str,
    /// The glossary is loading from the device.
    pub g_loading: &'static str,
    /// Loads the starter glossary.
    pub g_starter: &'static str,
    /// Link to the new-term form.
    pub g_new: &'static str,
    /// Link to import and export.
    pub g_transfer: &'static str,
    /// Name of the alphabet jump bar.
    pub g_jump: &'static str,
    /// Who else views an entry; `{names}`.
    pub g_here: &'static str,
    /// Field label.
    pub g_term_he: &'static str,
    /// Field label.
    pub g_term_en: &'static str,
    /// Field label.
    pub g_synonyms_he: &'static str,
    /// Field label.
    pub g_synonyms_en: &'static str,
    /// Field label.
    pub g_abbr_he: &'static str,
    /// Field label.
    pub g_abbr_en: &'static str,
    /// Field label.
    pub g_definition_he: &'static str,
    /// Field label.
    pub g_definition_en: &'static str,
    /// Field label.
    pub g_example: &'static str,
    /// Field label.
    pub g_source: &'static str,
    /// Field label.
    pub g_source_url: &'static str,
    /// Field label.
    pub g_domain: &'static str,
    /// Field label.
    pub g_notes: &'static str,
    /// Field label.
    pub g_related: &'static str,
    /// Adds a related term.
    pub g_related_add: &'static str,
    /// Removes an item; `{item}` names it.
    pub g_remove: &'static str,
    /// Creates the entry.
    pub g_create: &'static str,
    /// Error: no term.
    pub g_need_term: &'static str,
    /// Error: the term exists; `{term}`.
    pub g_duplicate: &'static str,
    /// Heading of the edit form.
    pub g_edit: &'static str,
    /// How editing works.
    pub g_edit_hint: &'static str,
    /// Shares on WhatsApp.
    pub g_share: &'static str,
    /// Copies the entry's link.
    pub g_copy_link: &'static str,
    /// Confirms the copy.
    pub g_link_copied: &'static str,
    /// Workflow action.
    pub g_submit_review: &'static str,
    /// Workflow action.
    pub g_approve: &'static str,
    /// Workflow action.
    pub g_reject: &'static str,
    /// Workflow action.
    pub g_deprecate: &'static str,
    /// Workflow action.
    pub g_restore: &'static str,
    /// Workflow action.
    pub g_reopen: &'static str,
    /// Label: the replacement of a deprecated term.
    pub g_use_instead: &'static str,
    /// No choice.
    pub g_none: &'static str,
    /// Heading of the review actions.
    pub g_workflow: &'static str,
    /// What members may do.
    pub g_workflow_member: &'static str,
    /// A deprecated entry.
    pub g_deprecated_notice: &'static str,
    /// Which term to use; `{term}`.
    pub g_use_x: &'static str,
    /// History heading.
    pub g_history: &'static str,
    /// A history line; `{who}` and `{fields}`.
    pub g_history_item: &'static str,
    /// Shows an earlier version.
    pub g_show_version: &'static str,
    /// Heading of an earlier version; `{date}`.
    pub g_version_of: &'static str,
    /// Closes a panel.
    pub g_close: &'static str,
    /// Last change; `{who}`, `{date}`.
    pub g_updated: &'static str,
    /// An entry that is not there.
    pub g_not_found: &'static str,
    /// Link back to the list.
    pub g_back: &'static str,
    /// Export heading.
    pub g_export: &'static str,
    /// Export format.
    pub g_export_csv: &'static str,
    /// Export format.
    pub g_export_json: &'static str,
    /// Export format.
    pub g_export_md: &'static str,
    /// Import heading.
    pub g_import: &'static str,
    /// How import works.
    pub g_import_hint: &'static str,
    /// File input label.
    pub g_import_file: &'static str,
    /// Preview summary; `{ok}` and `{bad}`.
    pub g_preview: &'static str,
    /// Confirms an import; `{n}`.
    pub g_import_confirm: &'static str,
    /// Cancels.
    pub g_cancel: &'static str,
    /// After an import; `{n}`.
    pub g_imported: &'static str,
    /// A row number; `{n}`.
    pub g_row: &'static str,
    /// Row error.
    pub g_err_missing: &'static str,
    /// Row error; `{term}`.
    pub g_err_duplicate: &'static str,
    /// Row error; `{term}`, `{n}`.
    pub g_err_duplicate_row: &'static str,
    /// Row error; `{s}`.
    pub g_err_status: &'static str,
    /// Row error; `{s}`.
    pub g_err_link: &'static str,
    /// The file cannot be read; `{error}`.
    pub g_file_error: &'static str,
    /// File error.
    pub g_file_no_header: &'static str,
    /// File error; `{n}`.
    pub g_too_many: &'static str,
    /// Opens a term's entry; `{term}`.
    pub g_term_tip: &'static str,
    /// Shows more entries; `{n}`.
    pub g_more: &'static str,
    /// History: the entry was created.
    pub g_created: &'static str,
    /// History: synonyms changed.
    pub g_related_synonyms: &'static str,
}

/// Hebrew: the default.
pub const HE: Strings = Strings {
    app_name: "קהילה",
    skip_to_content: "דילוג לתוכן",
    main_navigation: "ניווט ראשי",
    switch_language: "Switch to English",
    nav_home: "בית",
    nav_glossary: "מונחים",
    nav_documents: "מסמכים",
    nav_assessments: "הערכות",
    nav_boards: "לוחות",
    nav_community: "קהילה",
    home_title: "ברוכים הבאים לקהילה",
    home_lead: "מרחב העבודה המשותף של קהילת הטרנספורמציה הדיגיטלית בממשלה: ידע, שפה משותפת והערכת בשלות — בטלפון, גם בלי חיבור.",
    home_sections: "מה יש כאן",
    glossary_title: "מילון מונחים",
    glossary_about: "השפה המשותפת של הקהילה, בעברית ובאנגלית, בעריכה משותפת.",
    documents_title: "מסמכי ידע",
    documents_about: "מאמרים, כלים מעשיים, פרקטיקות מומלצות וניתוחי הצלחות וכישלונות.",
    assessments_title: "הערכות בשלות",
    assessments_about: "דירוג פרויקט בשבע עדשות ובחמש רמות, והצעד הבא לכל עדשה.",
    boards_title: "לוחות סדנה",
    boards_about: "פתקים, קיבוץ והצבעה בנקודות — למפגשי הקהילה.",
    community_title: "קהילה והגדרות",
    community_about: "חברי הקהילה, הזמנות והעדפות המכשיר הזה.",
    coming: "החלק הזה של קהילה עדיין בבנייה ויופיע כאן בקרוב.",
    language_heading: "שפה",
    language_hint: "הבחירה נשמרת במכשיר הזה.",
    not_found_title: "הדף לא נמצא",
    not_found_body: "ייתכן שהקישור שגוי או שהדף הועבר.",
    not_found_home: "חזרה לדף הבית",
    sync_label: "מצב סנכרון",
    sync_offline: "לא מחובר",
    sync_saved: "נשמר במכשיר ({n})",
    sync_syncing: "מסנכרן ({n} ממתינים)",
    sync_synced: "מסונכרן",
    sync_unsaved: "לא נשמר במכשיר ({n})",
    sync_held: "לא שותף ({n} שמורים במכשיר)",
    join_checking: "מתחבר לקהילה…",
    join_needed_title: "עוד לא הצטרפת לקהילה",
    join_needed_body: "כדי להצטרף, פתחו את קישור ההזמנה שקיבלתם ממנהלי הקהילה (למשל בוואטסאפ). אין צורך בחשבון או בהתקנה.",
    invite_refused: "קישור ההזמנה הזה כבר לא בתוקף. בקשו קישור חדש ממי ששלח אותו.",
    session_ended: "הגישה שלך לקהילה הסתיימה. בקשו ממנהלי הקהילה קישור הזמנה חדש.",
    storage_failed: "לא ניתן לשמור במכשיר הזה ({error}). קהילה מנסה שוב, ושום שינוי לא ישותף עד שיישמר.",
    storage_full: "אין במכשיר מקום פנוי",
    held_document_full: "המסמך הגיע למגבלת הגודל של השרת ({limit}). השינויים שלך בו שמורים במכשיר הזה ולא שותפו.",
    held_community_full: "האחסון של הקהילה בשרת מלא ({limit}). השינויים שלך שמורים במכשיר הזה ולא שותפו.",
    held_too_large: "השינויים גדולים מכדי לשלוח אותם בבת אחת (המגבלה {limit}). הם שמורים במכשיר הזה ולא שותפו.",
    change_too_large: "השינוי גדול מדי ({size}; המגבלה {limit}) ולא בוצע.",
    community_of: "את/ה חבר/ה בקהילה: {name}",
    name_heading: "השם שלך",
    name_prompt: "איך יקראו לך בקהילה? בחרו שם שיוצג לחברים.",
    name_label: "שם לתצוגה",
    name_save: "שמירה",
    name_saved: "השם נשמר.",
    members_heading: "חברי הקהילה",
    members_empty: "עוד אין חברים ברשימה.",
    member_unnamed: "חבר/ה ללא שם",
    member_you: "(את/ה)",
    member_online: "מחובר/ת עכשיו",
    member_viewing: "ב{page}",
    role_viewer: "צפייה",
    role_member: "חבר/ה",
    role_admin: "מנהל/ת",
    about_heading: "על הקהילה",
    about_label: "תיאור הקהילה (כל החברים יכולים לערוך)",
    read_only: "ההזמנה שלך מאפשרת צפייה בלבד.",
    catalog_heading: "קטלוג המסמכים",
    catalog_empty: "עוד אין מסמכים בקטלוג. הוסיפו את הראשון.",
    catalog_title_label: "כותרת",
    catalog_kind_label: "סוג",
    catalog_add: "הוספה לקטלוג",
    catalog_no_title: "נא לכתוב כותרת.",
    kind_article: "מאמר",
    kind_tool: "כלי מעשי",
    kind_practice: "פרקטיקה מומלצת",
    kind_case: "ניתוח הצלחה או כישלון",
    invites_heading: "הזמנות",
    invites_hint: "קישור הזמנה מאפשר להצטרף בלי חשבון. כל מי שמחזיק בקישור יכול להצטרף בתפקיד שנבחר, עד שהקישור יפוג או יבוטל.",
    invite_role_label: "תפקיד",
    invite_expiry_label: "תוקף",
    expiry_day: "יום אחד",
    expiry_week: "שבוע",
    expiry_month: "30 יום",
    invite_create: "יצירת קישור",
    invite_link_label: "קישור ההזמנה",
    invite_copy: "העתקה",
    invite_copied: "הקישור הועתק.",
    invite_whatsapp: "שליחה בוואטסאפ",
    invite_message: "הצטרפו לקהילה שלנו בקהילה:",
    invites_active: "הזמנות קיימות",
    invites_none: "עוד לא נוצרו הזמנות.",
    invite_until: "בתוקף עד {date}",
    invite_revoke: "ביטול",
    invite_revoked: "בוטלה",
    invite_failed: "הפעולה נכשלה: {error}",
    invite_offline: "ניהול הזמנות דורש חיבור לרשת.",
    g_search_label: "חיפוש מונחים",
    g_search_hint: "בעברית או באנגלית, עם או בלי ניקוד ותחיליות.",
    g_sort_label: "סדר",
    g_sort_he: "אלף-בית (א–ת)",
    g_sort_en: "אנגלית (A–Z)",
    g_status_filter: "סטטוס",
    g_domain_filter: "תחום",
    g_all: "הכול",
    g_status_proposed: "מוצע",
    g_status_review: "בבדיקה",
    g_status_approved: "מאושר",
    g_status_deprecated: "מיושן",
    g_count: "{n} מונחים",
    g_no_results: "לא נמצא מונח שמתאים ל„{q}”. נסו פחות אותיות, או הוסיפו אותו כמונח חדש.",
    g_empty: "המילון עדיין ריק. הוסיפו מונח ראשון, ייבאו קובץ, או התחילו מהמילון ההתחלתי.",
    g_loading: "טוען את המילון…",
    g_starter: "התחלה מהמילון ההתחלתי (40 מונחים)",
    g_new: "מונח חדש",
    g_transfer: "ייבוא וייצוא",
    g_jump: "קפיצה לאות",
    g_here: "כאן עכשיו: {names}",
    g_term_he: "מונח בעברית",
    g_term_en: "מונח באנגלית",
    g_synonyms_he: "מילים נרדפות וצורות נוספות בעברית (מופרדות ב-;)",
    g_synonyms_en: "מילים נרדפות באנגלית (מופרדות ב-;)",
    g_abbr_he: "ראשי תיבות בעברית",
    g_abbr_en: "ראשי תיבות באנגלית",
    g_definition_he: "הגדרה בעברית",
    g_definition_en: "הגדרה באנגלית",
    g_example: "דוגמת שימוש",
    g_source: "מקור או אסמכתה",
    g_source_url: "קישור למקור",
    g_domain: "תחום או אשכול מקצועי",
    g_notes: "הערות",
    g_related: "מונחים קשורים",
    g_related_add: "הוספת מונח קשור",
    g_remove: "הסרת {item}",
    g_create: "הוספת המונח",
    g_need_term: "נא לכתוב מונח בעברית או באנגלית.",
    g_duplicate: "„{term}” כבר נמצא במילון.",
    g_edit: "עריכת המונח",
    g_edit_hint: "השינויים נשמרים מיד ומסונכרנים עם כל החברים.",
    g_share: "שליחה בוואטסאפ",
    g_copy_link: "העתקת קישור",
    g_link_copied: "הקישור הועתק.",
    g_submit_review: "שליחה לבדיקה",
    g_approve: "אישור",
    g_reject: "החזרה להצעה",
    g_deprecate: "סימון כמיושן",
    g_restore: "החזרה לשימוש",
    g_reopen: "פתיחה מחדש לבדיקה",
    g_use_instead: "המונח שבמקומו",
    g_none: "ללא",
    g_workflow: "סטטוס ובדיקה",
    g_workflow_member: "חברים מציעים ושולחים לבדיקה; מנהלים מאשרים, מחזירים או מסמנים כמיושן.",
    g_deprecated_notice: "המונח הזה מיושן.",
    g_use_x: "השתמשו במקומו ב:",
    g_history: "היסטוריית שינויים",
    g_history_item: "{who} שינה/תה: {fields}",
    g_show_version: "הצגת הגרסה הזו",
    g_version_of: "הגרסה מ-{date}",
    g_close: "סגירה",
    g_updated: "שונה לאחרונה על ידי {who}, {date}",
    g_not_found: "המונח הזה לא נמצא במילון (אולי נמחק, או שעוד לא סונכרן).",
    g_back: "חזרה למילון",
    g_export: "ייצוא",
    g_export_csv: "CSV (לאקסל)",
    g_export_json: "JSON (לתוכנות)",
    g_export_md: "Markdown (למסמכים)",
    g_import: "ייבוא",
    g_import_hint: "קובץ CSV או JSON עם העמודות term_he, term_en, definition_he… אפשר לבדוק את התצוגה המקדימה — שום דבר לא נשמר לפני האישור.",
    g_import_file: "קובץ לייבוא",
    g_preview: "{ok} שורות מוכנות לייבוא, {bad} עם בעיות (לא ייובאו)",
    g_import_confirm: "ייבוא {n} מונחים",
    g_cancel: "ביטול",
    g_imported: "יובאו {n} מונחים.",
    g_row: "שורה {n}",
    g_err_missing: "אין מונח",
    g_err_duplicate: "„{term}” כבר קיים במילון",
    g_err_duplicate_row: "„{term}” כבר מופיע בשורה {n}",
    g_err_status: "סטטוס לא מוכר: {s}",
    g_err_link: "הקישור אינו כתובת אינטרנט: {s}",
    g_file_error: "אי אפשר לייבא את הקובץ: {error}",
    g_file_no_header: "השורה הראשונה צריכה לכלול את שמות העמודות (term_he, term_en…)",
    g_too_many: "יותר מ-{n} שורות",
    g_term_tip: "למונח {term} במילון",
    g_more: "הצגת {n} נוספים",
    g_created: "יצירת המונח",
    g_related_synonyms: "מילים נרדפות",
};

/// English.
pub const EN: Strings = Strings {
    app_name: "Kehila",
    skip_to_content: "Skip to content",
    main_navigation: "Main",
    switch_language: "החלפה לעברית",
    nav_home: "Home",
    nav_glossary: "Glossary",
    nav_documents: "Docs",
    nav_assessments: "Maturity",
    nav_boards: "Boards",
    nav_community: "Community",
    home_title: "Welcome to Kehila",
    home_lead: "The shared workspace of the government's digital transformation community: knowledge, a common language and maturity assessments — on your phone, even offline.",
    home_sections: "What is here",
    glossary_title: "Glossary",
    glossary_about: "The community's shared language, in Hebrew and English, co-edited.",
    documents_title: "Knowledge documents",
    documents_about: "Articles, practical tools, best practices and analyses of successes and failures.",
    assessments_title: "Maturity assessments",
    assessments_about: "Rate a project on seven lenses and five levels, and see the next step for each lens.",
    boards_title: "Workshop boards",
    boards_about: "Sticky notes, grouping and dot voting — for community meetings.",
    community_title: "Community & settings",
    community_about: "The community's members, invitations, and this device's preferences.",
    coming: "This part of Kehila is still being built and will appear here soon.",
    language_heading: "Language",
    language_hint: "Your choice is remembered on this device.",
    not_found_title: "Page not found",
    not_found_body: "The link may be wrong, or the page has moved.",
    not_found_home: "Back to the home page",
    sync_label: "Sync status",
    sync_offline: "Offline",
    sync_saved: "Saved on this device ({n})",
    sync_syncing: "Syncing ({n} pending)",
    sync_synced: "Synced",
    sync_unsaved: "Not saved on this device ({n})",
    sync_held: "Not shared ({n} kept on this device)",
    join_checking: "Connecting to your community…",
    join_needed_title: "You have not joined a community yet",
    join_needed_body: "To join, open the invitation link a community admin sent you (for example on WhatsApp). No account or installation needed.",
    invite_refused: "This invitation link is no longer valid. Ask the person who sent it for a new one.",
    session_ended: "Your access to this community has ended. Ask a community admin for a new invitation link.",
    storage_failed: "This device could not save ({error}). Kehila keeps trying, and shares nothing until it is saved.",
    storage_full: "this device is out of storage space",
    held_document_full: "This document has reached the relay's size limit ({limit}). Your changes to it are kept on this device and were not shared.",
    held_community_full: "The community's storage on the relay is full ({limit}). Your changes are kept on this device and were not shared.",
    held_too_large: "These changes are too large to send at once (the limit is {limit}). They are kept on this device and were not shared.",
    change_too_large: "That change is too large ({size}; the limit is {limit}) and was not made.",
    community_of: "You are a member of: {name}",
    name_heading: "Your name",
    name_prompt: "What should the community call you? Choose the name other members will see.",
    name_label: "Display name",
    name_save: "Save",
    name_saved: "Your name is saved.",
    members_heading: "Members",
    members_empty: "No members yet.",
    member_unnamed: "Unnamed member",
    member_you: "(you)",
    member_online: "Online now",
    member_viewing: "On {page}",
    role_viewer: "Viewer",
    role_member: "Member",
    role_admin: "Admin",
    about_heading: "About the community",
    about_label: "Description (every member can edit it)",
    read_only: "Your invitation lets you read but not edit.",
    catalog_heading: "Document catalog",
    catalog_empty: "No documents in the catalog yet. Add the first one.",
    catalog_title_label: "Title",
    catalog_kind_label: "Kind",
    catalog_add: "Add to catalog",
    catalog_no_title: "Please enter a title.",
    kind_article: "Article",
    kind_tool: "Practical tool",
    kind_practice: "Best practice",
    kind_case: "Success or failure analysis",
    invites_heading: "Invitations",
    invites_hint: "An invitation link lets people join without an account. Anyone holding the link can join with its role until it expires or is revoked.",
    invite_role_label: "Role",
    invite_expiry_label: "Valid for",
    expiry_day: "1 day",
    expiry_week: "7 days",
    expiry_month: "30 days",
    invite_create: "Create link",
    invite_link_label: "Invitation link",
    invite_copy: "Copy",
    invite_copied: "Link copied.",
    invite_whatsapp: "Share on WhatsApp",
    invite_message: "Join our community on Kehila:",
    invites_active: "Existing invitations",
    invites_none: "No invitations yet.",
    invite_until: "Valid until {date}",
    invite_revoke: "Revoke",
    invite_revoked: "Revoked",
    invite_failed: "That did not work: {error}",
    invite_offline: "Managing invitations needs a network connection.",
    g_search_label: "Search terms",
    g_search_hint: "In Hebrew or English; niqqud, prefixes and accents are fine.",
    g_sort_label: "Order",
    g_sort_he: "Hebrew alphabet",
    g_sort_en: "English A–Z",
    g_status_filter: "Status",
    g_domain_filter: "Domain",
    g_all: "All",
    g_status_proposed: "Proposed",
    g_status_review: "In review",
    g_status_approved: "Approved",
    g_status_deprecated: "Deprecated",
    g_count: "{n} terms",
    g_no_results: "No term matches “{q}”. Try fewer letters, or add it as a new term.",
    g_empty: "The glossary is empty. Add the first term, import a file, or start from the starter glossary.",
    g_loading: "Loading the glossary…",
    g_starter: "Start from the starter glossary (40 terms)",
    g_new: "New term",
    g_transfer: "Import and export",
    g_jump: "Jump to a letter",
    g_here: "Here now: {names}",
    g_term_he: "Hebrew term",
    g_term_en: "English term",
    g_synonyms_he: "Hebrew synonyms and variants (separated by ;)",
    g_synonyms_en: "English synonyms and variants (separated by ;)",
    g_abbr_he: "Hebrew abbreviations",
    g_abbr_en: "English abbreviations",
    g_definition_he: "Definition in Hebrew",
    g_definition_en: "Definition in English",
    g_example: "Usage example",
    g_source: "Source or reference",
    g_source_url: "Link to the source",
    g_domain: "Domain or professional cluster",
    g_notes: "Notes",
    g_related: "Related terms",
    g_related_add: "Add a related term",
    g_remove: "Remove {item}",
    g_create: "Add the term",
    g_need_term: "Please enter a term in Hebrew or in English.",
    g_duplicate: "“{term}” is already in the glossary.",
    g_edit: "Edit this term",
    g_edit_hint: "Changes are saved as you type and reach every member.",
    g_share: "Share on WhatsApp",
    g_copy_link: "Copy link",
    g_link_copied: "Link copied.",
    g_submit_review: "Submit for review",
    g_approve: "Approve",
    g_reject: "Send back",
    g_deprecate: "Deprecate",
    g_restore: "Restore",
    g_reopen: "Reopen for review",
    g_use_instead: "Term to use instead",
    g_none: "None",
    g_workflow: "Status and review",
    g_workflow_member: "Members propose and submit for review; admins approve, send back or deprecate.",
    g_deprecated_notice: "This term is deprecated.",
    g_use_x: "Use instead:",
    g_history: "History",
    g_history_item: "{who} changed: {fields}",
    g_show_version: "Show this version",
    g_version_of: "The version of {date}",
    g_close: "Close",
    g_updated: "Last changed by {who}, {date}",
    g_not_found: "This term is not in the glossary (it may have been removed, or not synced yet).",
    g_back: "Back to the glossary",
    g_export: "Export",
    g_export_csv: "CSV (Excel)",
    g_export_json: "JSON",
    g_export_md: "Markdown",
    g_import: "Import",
    g_import_hint: "A CSV or JSON file with the columns term_he, term_en, definition_he…; check the preview — nothing is saved until you confirm.",
    g_import_file: "File to import",
    g_preview: "{ok} rows ready to import, {bad} with problems (they will be skipped)",
    g_import_confirm: "Import {n} terms",
    g_cancel: "Cancel",
    g_imported: "{n} terms imported.",
    g_row: "Row {n}",
    g_err_missing: "no term",
    g_err_duplicate: "“{term}” is already in the glossary",
    g_err_duplicate_row: "“{term}” repeats row {n}",
    g_err_status: "unknown status: {s}",
    g_err_link: "not a web link: {s}",
    g_file_error: "This file cannot be imported: {error}",
    g_file_no_header: "the first row must name the columns (term_he, term_en, …)",
    g_too_many: "more than {n} rows",
    g_term_tip: "Open {term} in the glossary",
    g_more: "Show {n} more",
    g_created: "created the term",
    g_related_synonyms: "synonyms",
};

/// Fills a string's `{name}` placeholder: `fill(s.sync_saved, "n", 3)`.
pub fn fill(template: &str, name: &str, value: impl std::fmt::Display) -> String {
    template.replace(&format!("{{{name}}}"), &value.to_string())
}

/// The localStorage key holding the device's language choice.
pub const LANGUAGE_STORAGE_KEY: &str = "kehila.lang";

/// The device's remembered language, or Hebrew when none (or an unknown one) is stored.
pub fn stored_language() -> Lang {
    local_storage()
        .and_then(|storage| storage.get_item(LANGUAGE_STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Remembers `lang` on this device. Storage can be unavailable (private mode, quota): the choice
/// then lasts for this visit only, which is the best we can do.
pub fn remember_language(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANGUAGE_STORAGE_KEY, lang.code());
    }
}

/// Sets `<html lang dir>` to `lang`, so the browser, screen readers and CSS logical properties
/// all follow the language.
pub fn apply_to_document(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Puts the language signal in context, starting from the device's stored choice, and keeps
/// `<html>` and storage in step with it. Call once, at the root.
pub fn provide_language() -> RwSignal<Lang> {
    let lang = RwSignal::new(stored_language());
    provide_context(lang);
    Effect::new(move |_| {
        let current = lang.get();
        apply_to_document(current);
        remember_language(current);
    });
    lang
}

/// The language signal provided at the root.
pub fn use_language() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// The current string table, reactive: read it inside a closure in `view!`.
pub fn use_strings() -> Signal<&'static Strings> {
    let lang = use_language();
    Signal::derive(move || lang.get().strings())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for lang in [Lang::He, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn hebrew_is_the_rtl_default() {
        assert_eq!(Lang::default(), Lang::He);
        assert_eq!(Lang::He.dir(), "rtl");
        assert_eq!(Lang::En.dir(), "ltr");
        assert_eq!(Lang::He.other(), Lang::En);
    }

    /// A table with a blank string would show an empty label; with a string left in the other
    /// language (other than the switch, which names the other language on purpose) it would mix
    /// scripts. Hebrew strings must contain Hebrew letters; English ones must not.
    #[test]
    fn every_string_is_filled_in_its_own_language() {
        let fields = |s: &'static Strings| -> Vec<&'static str> {
            vec![
                s.app_name,
                s.skip_to_content,
                s.main_navigation,
                s.nav_home,
                s.nav_glossary,
                s.nav_documents,
                s.nav_assessments,
                s.nav_boards,
                s.nav_community,
                s.home_title,
                s.home_lead,
                s.home_sections,
                s.glossary_title,
                s.glossary_about,
                s.documents_title,
                s.documents_about,
                s.assessments_title,
                s.assessments_about,
                s.boards_title,
                s.boards_about,
                s.community_title,
                s.community_about,
                s.coming,
                s.language_heading,
                s.language_hint,
                s.not_found_title,
                s.not_found_body,
                s.not_found_home,
                s.sync_label,
                s.sync_offline,
                s.sync_saved,
                s.sync_syncing,
                s.sync_synced,
                s.sync_unsaved,
                s.sync_held,
                s.join_checking,
                s.join_needed_title,
                s.join_needed_body,
                s.invite_refused,
                s.session_ended,
                s.storage_failed,
                s.storage_full,
                s.held_document_full,
                s.held_community_full,
                s.held_too_large,
                s.change_too_large,
                s.community_of,
                s.name_heading,
                s.name_prompt,
                s.name_label,
                s.name_save,
                s.name_saved,
                s.members_heading,
                s.members_empty,
                s.member_unnamed,
                s.member_you,
                s.member_online,
                s.member_viewing,
                s.role_viewer,
                s.role_member,
                s.role_admin,
                s.about_heading,
                s.about_label,
                s.read_only,
                s.catalog_heading,
                s.catalog_empty,
                s.catalog_title_label,
                s.catalog_kind_label,
                s.catalog_add,
                s.catalog_no_title,
                s.kind_article,
                s.kind_tool,
                s.kind_practice,
                s.kind_case,
                s.invites_heading,
                s.invites_hint,
                s.invite_role_label,
                s.invite_expiry_label,
                s.expiry_day,
                s.expiry_week,
                s.expiry_month,
                s.invite_create,
                s.invite_link_label,
                s.invite_copy,
                s.invite_copied,
                s.invite_whatsapp,
                s.invite_message,
                s.invites_active,
                s.invites_none,
                s.invite_until,
                s.invite_revoke,
                s.invite_revoked,
                s.invite_failed,
                s.invite_offline,
                s.g_search_label,
                s.g_search_hint,
                s.g_sort_label,
                s.g_sort_he,
                s.g_sort_en,
                s.g_status_filter,
                s.g_domain_filter,
                s.g_all,
                s.g_status_proposed,
                s.g_status_review,
                s.g_status_approved,
                s.g_status_deprecated,
                s.g_count,
                s.g_no_results,
                s.g_empty,
                s.g_loading,
                s.g_starter,
                s.g_new,
                s.g_transfer,
                s.g_jump,
                s.g_here,
                s.g_term_he,
                s.g_term_en,
                s.g_synonyms_he,
                s.g_synonyms_en,
                s.g_abbr_he,
                s.g_abbr_en,
                s.g_definition_he,
                s.g_definition_en,
                s.g_example,
                s.g_source,
                s.g_source_url,
                s.g_domain,
                s.g_notes,
                s.g_related,
                s.g_related_add,
                s.g_remove,
                s.g_create,
                s.g_need_term,
                s.g_duplicate,
                s.g_edit,
                s.g_edit_hint,
                s.g_share,
                s.g_copy_link,
                s.g_link_copied,
                s.g_submit_review,
                s.g_approve,
                s.g_reject,
                s.g_deprecate,
                s.g_restore,
                s.g_reopen,
                s.g_use_instead,
                s.g_none,
                s.g_workflow,
                s.g_workflow_member,
                s.g_deprecated_notice,
                s.g_use_x,
                s.g_history,
                s.g_history_item,
                s.g_show_version,
                s.g_version_of,
                s.g_close,
                s.g_updated,
                s.g_not_found,
                s.g_back,
                s.g_export,
                s.g_export_csv,
                s.g_export_json,
                s.g_export_md,
                s.g_import,
                s.g_import_hint,
                s.g_import_file,
                s.g_preview,
                s.g_import_confirm,
                s.g_cancel,
                s.g_imported,
                s.g_row,
                s.g_err_missing,
                s.g_err_duplicate,
                s.g_err_duplicate_row,
                s.g_err_status,
                s.g_err_link,
                s.g_file_error,
                s.g_file_no_header,
                s.g_too_many,
                s.g_term_tip,
                s.g_more,
                s.g_created,
                s.g_related_synonyms,
            ]
        };
        let is_hebrew = |c: char| ('\u{0590}'..='\u{05FF}').contains(&c);
        for text in fields(&HE) {
            assert!(text.chars().any(is_hebrew), "not Hebrew: {text:?}");
        }
        for text in fields(&EN) {
            assert!(!text.trim().is_empty());
            assert!(
                !text.chars().any(is_hebrew),
                "Hebrew in the English table: {text:?}"
            );
        }
    }
}
