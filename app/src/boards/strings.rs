//! The workshop boards' strings.

crate::strings! {
    /// Navigation label.
    nav_boards: "לוחות", "Boards";
    /// Page heading.
    boards_title: "לוחות סדנה", "Workshop boards";
    /// What boards are for.
    boards_about: "פתקים, קיבוץ והצבעה בנקודות — למפגשי הקהילה.", "Sticky notes, grouping and dot voting — for community meetings.";
    /// Button to make a board.
    new_board: "לוח חדש", "New board";
    /// No boards yet.
    no_boards: "עדיין אין לוחות. פתחו לוח למפגש הבא ושתפו את הקישור בקבוצת הוואטסאפ.", "No boards yet. Open one for the next meeting and share its link in the WhatsApp group.";
    /// Heading of the meetings list.
    meetings_heading: "מפגשים ולוחות", "Meetings and boards";
    /// A board with no meeting date.
    no_date: "ללא תאריך", "No date";
    /// Loading a board.
    loading: "הלוח נטען…", "Loading the board…";
    /// A board this device cannot find.
    not_found: "הלוח לא נמצא. ייתכן שהקישור שגוי, או שהלוח עוד לא הגיע למכשיר — התחברו לרשת ונסו שוב.", "Board not found. The link may be wrong, or the board has not reached this device yet — connect and try again.";
    /// Back to the list.
    back: "כל הלוחות", "All boards";
    /// New-board form heading.
    new_heading: "לוח חדש", "New board";
    /// Title field.
    title_label: "כותרת", "Title";
    /// The question field.
    question_label: "השאלה לדיון", "The question";
    /// Hint for the question.
    question_hint: "למשל: מה ישפיע הכי הרבה על הקהילה?", "For example: what would have the greatest positive impact on the community?";
    /// Template field.
    template_label: "תבנית", "Template";
    /// Template: works / blocks / ideas.
    template_works: "מה עובד / מה חוסם / רעיונות", "What works / what blocks / ideas";
    /// Column titles of that template, separated by |.
    columns_works: "מה עובד|מה חוסם|רעיונות", "What works|What blocks|Ideas";
    /// Template: start / stop / continue.
    template_ssc: "להתחיל / להפסיק / להמשיך", "Start / stop / continue";
    /// Column titles of that template.
    columns_ssc: "להתחיל|להפסיק|להמשיך", "Start|Stop|Continue";
    /// Template: one column per lens.
    template_lenses: "שבע העדשות (עמודה לכל עדשה)", "The seven lenses (a column per lens)";
    /// Column titles: the seven lenses.
    columns_lenses: "חזון|עיצוב התהליך|תכנית|הובלה|שיתוף פעולה|אחריותיות|אנשים", "Vision|Process design|Plan|Leadership|Collaboration|Accountability|People";
    /// Template: one open column.
    template_open: "עמודה אחת פתוחה", "One open column";
    /// Column title of that template.
    columns_open: "רעיונות", "Ideas";
    /// Meeting date field.
    date_label: "תאריך המפגש", "Meeting date";
    /// Meeting place field.
    place_label: "מקום", "Place";
    /// Online link field.
    link_label: "קישור למפגש מקוון", "Online meeting link";
    /// Agenda field.
    agenda_label: "סדר יום", "Agenda";
    /// Create button.
    create: "פתיחת הלוח", "Open the board";
    /// Error: no title.
    need_title: "יש לתת ללוח כותרת.", "Give the board a title.";
    /// Error: a link that is not http(s).
    bad_link: "הקישור צריך להתחיל ב-https://", "The link must start with https://";
    /// Phase names.
    phase_write: "כתיבה", "Write";
    /// Group phase.
    phase_group: "קיבוץ", "Group";
    /// Vote phase.
    phase_vote: "הצבעה", "Vote";
    /// Discuss phase.
    phase_discuss: "דיון", "Discuss";
    /// Done.
    phase_done: "הסתיים", "Done";
    /// The phases' list label.
    phases_label: "שלבי הסדנה", "Workshop phases";
    /// Next phase button, {phase}.
    next_phase: "לשלב הבא: {phase}", "Next: {phase}";
    /// Previous phase button.
    previous_phase: "חזרה לשלב: {phase}", "Back to: {phase}";
    /// Who runs the board, {name}.
    facilitated_by: "מנחה: {name}", "Facilitator: {name}";
    /// Timer label.
    timer_label: "זמן שנותר", "Time left";
    /// Timer ended.
    timer_ended: "הזמן נגמר", "Time is up";
    /// Timer minutes field.
    timer_minutes: "דקות", "Minutes";
    /// Start the timer.
    timer_start: "הפעלת טיימר", "Start timer";
    /// Stop the timer.
    timer_stop: "עצירת הטיימר", "Stop timer";
    /// Who is here, {n}.
    here: "{n} על הלוח עכשיו", "{n} on the board now";
    writing_names: "כותבים עכשיו: {names}", "Writing now: {names}";
    /// A note's menu: its link (to pass on, as a board's).
    note_link_copy: "העתקת קישור לפתק", "Copy a link to this note";
    note_link_share: "שיתוף הפתק בוואטסאפ", "Share this note on WhatsApp";
    note_link_copied: "הקישור לפתק הועתק", "Link to the note copied";
    /// Add-note field.
    note_label: "פתק חדש", "New note";
    /// Column chooser.
    column_label: "עמודה", "Column";
    /// Colour chooser.
    colour_label: "צבע", "Colour";
    /// Colours.
    colour_yellow: "צהוב", "Yellow";
    /// Colour.
    colour_blue: "כחול", "Blue";
    /// Colour.
    colour_green: "ירוק", "Green";
    /// Colour.
    colour_pink: "ורוד", "Pink";
    /// Colour.
    colour_orange: "כתום", "Orange";
    /// Add button.
    add_note: "הוספת פתק", "Add note";
    /// Hidden notes, {n}.
    hidden_notes: "{n} פתקים של אחרים מוסתרים עד שלב הקיבוץ", "{n} notes by others are hidden until the group phase";
    /// A hidden note's placeholder.
    hidden_note: "פתק מוסתר", "Hidden note";
    /// An anonymous note.
    anonymous: "אנונימי", "Anonymous";
    /// An unnamed member.
    unnamed: "חבר/ה ללא שם", "Unnamed member";
    /// The note menu button.
    note_menu: "פעולות לפתק", "Note actions";
    /// Edit a note.
    edit: "עריכה", "Edit";
    /// The note text field when editing.
    note_text: "טקסט הפתק", "Note text";
    /// Save.
    save: "שמירה", "Save";
    /// Cancel.
    cancel: "ביטול", "Cancel";
    /// Delete.
    delete: "מחיקה", "Delete";
    /// Move to column.
    move_to: "העברה לעמודה", "Move to column";
    /// Add to group.
    add_to_group: "הוספה לקבוצה", "Add to group";
    /// New group from this note.
    new_group: "קבוצה חדשה מהפתק", "New group from this note";
    /// New group's name field.
    group_name: "שם הקבוצה", "Group name";
    /// Take out of the group.
    ungroup: "הוצאה מהקבוצה", "Take out of the group";
    /// Merge group into.
    merge_into: "מיזוג לתוך קבוצה", "Merge into group";
    /// Dissolve a group.
    dissolve: "פירוק הקבוצה", "Dissolve the group";
    /// Rename.
    rename: "שינוי שם", "Rename";
    /// Apply a choice.
    apply: "ביצוע", "Apply";
    /// A group's notes count, {n}.
    group_notes: "{n} פתקים", "{n} notes";
    /// Dots left, {n} of {budget}.
    dots_left: "נותרו לך {n} מתוך {budget} נקודות", "You have {n} of {budget} dots left";
    /// Add a dot.
    add_dot: "הוספת נקודה", "Add a dot";
    /// Remove a dot.
    remove_dot: "הסרת נקודה", "Remove a dot";
    /// Dots counted on a unit, {n}.
    dots: "{n} נקודות", "{n} dots";
    /// One dot.
    one_dot: "נקודה אחת", "1 dot";
    /// My dots on a unit, {n}.
    my_dots: "שלך: {n}", "yours: {n}";
    /// Tally hidden.
    tally_hidden: "התוצאות יוצגו בסוף ההצבעה", "Results show when voting ends";
    /// Results heading.
    results: "תוצאות", "Results";
    /// Actions heading.
    actions: "משימות", "Actions";
    /// Action text field.
    action_text: "משימה", "Action";
    /// Owner field.
    owner: "אחראי/ת", "Owner";
    /// Due date field.
    due_label: "תאריך יעד", "Due date";
    /// "due" in the summary, before a date.
    due: "עד", "due";
    /// Add an action.
    add_action: "הוספת משימה", "Add action";
    /// No actions.
    no_actions: "עדיין אין משימות.", "No actions yet.";
    /// Summary heading.
    summary: "סיכום", "Summary";
    /// Copy the summary.
    copy_summary: "העתקת הסיכום", "Copy the summary";
    /// Copied.
    copied: "הועתק", "Copied";
    /// Share on WhatsApp.
    share_whatsapp: "שיתוף בוואטסאפ", "Share on WhatsApp";
    /// Print.
    print: "הדפסה", "Print";
    /// Share the board link.
    share_board: "שיתוף הלוח", "Share the board";
    /// The shared message, {title}.
    share_text: "הצטרפו ללוח \"{title}\" בקהילה:", "Join the board \"{title}\" on Kehila:";
    /// Settings heading.
    settings: "הגדרות המנחה", "Facilitator settings";
    /// Setting: anonymous.
    set_anonymous: "פתקים ללא שם הכותב", "Notes without their author's name";
    /// Setting: hidden writing.
    set_hidden: "פתקים של אחרים מוסתרים בזמן הכתיבה", "Others' notes hidden while writing";
    /// Setting: hide tally.
    set_hide_tally: "תוצאות ההצבעה מוסתרות עד סופה", "Vote results hidden until voting ends";
    /// Setting: lock grouping.
    set_lock: "רק המנחה מקבץ", "Only the facilitator groups";
    /// Setting: budget.
    set_budget: "נקודות לכל משתתף", "Dots per participant";
    /// Setting: cap.
    set_cap: "נקודות לכל היותר על פתק או קבוצה", "Most dots on one note or group";
    /// Hand off.
    hand_off: "העברת ההנחיה ל…", "Hand the board to…";
    /// Choose.
    choose: "בחירה…", "Choose…";
    /// Read only board.
    read_only: "הלוח לקריאה בלבד עבורך.", "You can read this board but not change it.";
    /// Caught up after waking.
    caught_up: "הלוח עודכן", "Board up to date";
    /// Offline note.
    offline: "אין חיבור: הפתקים נשמרים במכשיר ויישלחו כשהחיבור יחזור.", "Offline: notes are kept on this device and sent when the connection returns.";
    /// Drop target label, {column}.
    drop_here: "שחררו כאן כדי להעביר ל{column}", "Drop here to move to {column}";
    /// Writing hint.
    writing_now: "כותבים פתקים", "Writing notes";
    /// Ungrouped notes heading inside a column.
    ungrouped: "פתקים נוספים", "Other notes";
    /// Summary labels.
    summary_question: "השאלה", "Question";
    /// Summary: meeting.
    summary_meeting: "מפגש", "Meeting";
}
