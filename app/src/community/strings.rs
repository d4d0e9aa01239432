//! The community's strings: joining, sync, members, the catalog, invitations.

crate::strings! {
    /// Navigation label of the community and settings page.
    nav_community:
        "קהילה",
        "Community";
    /// Community and settings heading.
    community_title:
        "קהילה והגדרות",
        "Community & settings";
    /// What the community page is for.
    community_about:
        "חברי הקהילה, הזמנות והעדפות המכשיר הזה.",
        "The community's members, invitations, and this device's preferences.";
    /// Accessible name of the sync badge.
    sync_label:
        "מצב סנכרון",
        "Sync status";
    /// Badge: no connection, nothing waiting.
    sync_offline:
        "לא מחובר",
        "Offline";
    /// Badge: no connection, and changes kept on the device until it is back.
    sync_saved:
        "לא מחובר — השינויים שמורים במכשיר",
        "Offline — your changes are saved on this device";
    /// Badge: connected, changes on their way.
    sync_syncing:
        "מסנכרן…",
        "Syncing…";
    /// Badge: everything is on the relay.
    sync_synced:
        "מסונכרן",
        "Synced";
    /// After the phone slept or lost the network: it caught up, and says so once.
    caught_up:
        "עודכן: כל מה שהשתנה בזמן שלא היית מחובר כבר כאן.",
        "Up to date: everything that changed while you were away is here.";
    /// Badge: this device's storage failed; changes are only in this tab's memory (retrying).
    sync_unsaved:
        "לא נשמר במכשיר — השאירו את הלשונית פתוחה",
        "Not saved on this device — keep this tab open";
    /// Badge: a document is held back (over a size limit); its changes stay on the device.
    sync_held:
        "לא שותף — נשמר במכשיר הזה",
        "Not shared — kept on this device";
    /// While the app asks the relay about this device's session.
    join_checking:
        "מתחבר לקהילה…",
        "Connecting to your community…";
    /// Heading when the device is not in a community.
    join_needed_title:
        "עוד לא הצטרפת לקהילה",
        "You have not joined a community yet";
    /// What to do to join.
    join_needed_body:
        "כדי להצטרף, פתחו את קישור ההזמנה שקיבלתם ממנהלי הקהילה (למשל בוואטסאפ). אין צורך בחשבון או בהתקנה.",
        "To join, open the invitation link a community admin sent you (for example on WhatsApp). No account or installation needed.";
    /// The link's invitation was refused.
    invite_refused:
        "קישור ההזמנה הזה כבר לא בתוקף. בקשו קישור חדש ממי ששלח אותו.",
        "This invitation link is no longer valid. Ask the person who sent it for a new one.";
    /// The relay ended this device's session.
    session_ended:
        "הגישה שלך לקהילה הסתיימה. בקשו ממנהלי הקהילה קישור הזמנה חדש.",
        "Your access to this community has ended. Ask a community admin for a new invitation link.";
    /// Device storage failed; `{error}` is the browser's message.
    storage_failed:
        "לא ניתן לשמור במכשיר הזה ({error}). קהילה מנסה שוב, ושום שינוי לא ישותף עד שיישמר.",
        "This device could not save ({error}). Kehila keeps trying, and shares nothing until it is saved.";
    /// What a full device's storage error says, in place of the browser's words.
    storage_full:
        "אין במכשיר מקום פנוי",
        "this device is out of storage space";
    /// The relay refused a document over its size limit; `{limit}` is the limit (e.g. 16 MB).
    held_document_full:
        "המסמך הגיע למגבלת הגודל של השרת ({limit}). השינויים שלך בו שמורים במכשיר הזה ולא שותפו.",
        "This document has reached the relay's size limit ({limit}). Your changes to it are kept on this device and were not shared.";
    /// The relay refused: the community's storage is full; `{limit}` as above.
    held_community_full:
        "האחסון של הקהילה בשרת מלא ({limit}). השינויים שלך שמורים במכשיר הזה ולא שותפו.",
        "The community's storage on the relay is full ({limit}). Your changes are kept on this device and were not shared.";
    /// This device did not send changes too large for one message; `{limit}` as above.
    held_too_large:
        "השינויים גדולים מכדי לשלוח אותם בבת אחת (המגבלה {limit}). הם שמורים במכשיר הזה ולא שותפו.",
        "These changes are too large to send at once (the limit is {limit}). They are kept on this device and were not shared.";
    /// Lead line naming the community; `{name}` is its name.
    community_of:
        "את/ה חבר/ה בקהילה: {name}",
        "You are a member of: {name}";
    /// Heading of the display name form.
    name_heading:
        "השם שלך",
        "Your name";
    /// Asks a new member to choose a display name.
    name_prompt:
        "איך יקראו לך בקהילה? בחרו שם שיוצג לחברים.",
        "What should the community call you? Choose the name other members will see.";
    /// Label of the display name field.
    name_label:
        "שם לתצוגה",
        "Display name";
    /// Saves the display name.
    name_save:
        "שמירה",
        "Save";
    /// An empty display name.
    name_empty:
        "כתבו שם, כדי שהחברים יידעו מי כתב מה.",
        "Type a name, so members know who wrote what.";
    /// Confirms the name was saved.
    name_saved:
        "השם נשמר.",
        "Your name is saved.";
    /// Heading of the member list.
    members_heading:
        "חברי הקהילה",
        "Members";
    /// No members yet.
    members_empty:
        "עוד אין חברים ברשימה.",
        "No members yet.";
    /// Marks the person's own entry.
    member_you:
        "(את/ה)",
        "(you)";
    /// Marks a member who is online now.
    member_online:
        "מחובר/ת עכשיו",
        "Online now";
    /// Where an online member is; `{page}` is a page name.
    member_viewing:
        "ב{page}",
        "On {page}";
    /// The home page's welcome; `{name}`.
    welcome_heading:
        "ברוך/ה הבא/ה, {name}",
        "Welcome, {name}";
    /// What an admin may do; `{community}`.
    welcome_admin:
        "את/ה מנהל/ת בקהילה „{community}”: אפשר לערוך, לאשר מונחים ולהזמין אחרים.",
        "You are an admin of “{community}”: you can edit, approve terms and invite others.";
    /// What a member may do; `{community}`.
    welcome_member:
        "את/ה חבר/ה בקהילה „{community}”: אפשר להוסיף ולערוך מונחים ולהציע אותם לאישור.",
        "You are a member of “{community}”: you can add and edit terms and put them up for review.";
    /// What a viewer may do; `{community}`.
    welcome_viewer:
        "את/ה צופה בקהילה „{community}”: אפשר לקרוא הכול; מנהל/ת יכול/ה לצרף אותך כחבר/ה.",
        "You are a viewer in “{community}”: you can read everything; an admin can make you a member.";
    /// Heading of the welcome's next steps.
    welcome_next:
        "מה עכשיו?",
        "What next?";
    /// Next step: the glossary.
    welcome_glossary:
        "לפתוח את מילון המונחים",
        "Open the glossary";
    /// Next step (admins): start the glossary from the starter terms.
    welcome_starter:
        "להתחיל את המילון מ-40 המונחים ההתחלתיים",
        "Start the glossary from the 40 starter terms";
    /// Next step (admins): invitations.
    welcome_invite:
        "להזמין אחרים לקהילה",
        "Invite others to the community";
    /// Role name: reads only.
    role_viewer:
        "צפייה",
        "Viewer";
    /// Role name: edits.
    role_member:
        "חבר/ה",
        "Member";
    /// Role name: manages invitations.
    role_admin:
        "מנהל/ת",
        "Admin";
    /// Heading of the community description.
    about_heading:
        "על הקהילה",
        "About the community";
    /// Label of the co-edited description.
    about_label:
        "תיאור הקהילה (כל החברים יכולים לערוך)",
        "Description (every member can edit it)";
    /// Heading of the document catalog.
    catalog_heading:
        "קטלוג המסמכים",
        "Document catalog";
    /// Empty catalog.
    catalog_empty:
        "עוד אין מסמכים בקטלוג. הוסיפו את הראשון.",
        "No documents in the catalog yet. Add the first one.";
    /// Label of the new document's title.
    catalog_title_label:
        "כותרת",
        "Title";
    /// Label of the new document's kind.
    catalog_kind_label:
        "סוג",
        "Kind";
    /// Adds the document to the catalog.
    catalog_add:
        "הוספה לקטלוג",
        "Add to catalog";
    /// Error: the title is empty.
    catalog_no_title:
        "נא לכתוב כותרת.",
        "Please enter a title.";
    /// Document kind.
    kind_article:
        "מאמר",
        "Article";
    /// Document kind.
    kind_tool:
        "כלי מעשי",
        "Practical tool";
    /// Document kind.
    kind_practice:
        "פרקטיקה מומלצת",
        "Best practice";
    /// Document kind.
    kind_case:
        "ניתוח הצלחה או כישלון",
        "Success or failure analysis";
}
