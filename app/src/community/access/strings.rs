//! Strings of invitations, device links and the relay's answers.

crate::strings! {
    /// Heading of the invitations section (admins).
    invites_heading:
        "הזמנות",
        "Invitations";
    /// What an invitation link does.
    invites_hint:
        "קישור הזמנה מאפשר להצטרף בלי חשבון. כל מי שמחזיק בקישור יכול להצטרף בתפקיד שנבחר, עד שהקישור יפוג או יבוטל.",
        "An invitation link lets people join without an account. Anyone holding the link can join with its role until it expires or is revoked.";
    /// Label of the invitation's role.
    invite_role_label:
        "תפקיד",
        "Role";
    /// Label of the invitation's validity.
    invite_expiry_label:
        "תוקף",
        "Valid for";
    /// Validity option.
    expiry_day:
        "יום אחד",
        "1 day";
    /// Validity option.
    expiry_week:
        "שבוע",
        "7 days";
    /// Validity option.
    expiry_month:
        "30 יום",
        "30 days";
    /// Creates an invitation link.
    invite_create:
        "יצירת קישור",
        "Create link";
    /// Label of the created link.
    invite_link_label:
        "קישור ההזמנה",
        "Invitation link";
    /// Copies the link.
    invite_copy:
        "העתקה",
        "Copy";
    /// Confirms the copy.
    invite_copied:
        "הקישור הועתק.",
        "Link copied.";
    /// Shares the link on WhatsApp.
    invite_whatsapp:
        "שליחה בוואטסאפ",
        "Share on WhatsApp";
    /// Text sent with the link on WhatsApp.
    invite_message:
        "הצטרפו לקהילה שלנו בקהילה:",
        "Join our community on Kehila:";
    /// Heading of the list of invitations.
    invites_active:
        "הזמנות קיימות",
        "Existing invitations";
    /// No invitations yet.
    invites_none:
        "עוד לא נוצרו הזמנות.",
        "No invitations yet.";
    /// When an invitation expires; `{date}` is a date.
    invite_until:
        "בתוקף עד {date}",
        "Valid until {date}";
    /// Revokes an invitation.
    invite_revoke:
        "ביטול",
        "Revoke";
    /// Marks a revoked invitation.
    invite_revoked:
        "בוטלה",
        "Revoked";
    /// An invitation request failed; `{error}` says why.
    invite_failed:
        "הפעולה נכשלה: {error}",
        "That did not work: {error}";
    /// Invitation management needs the network.
    invite_offline:
        "ניהול הזמנות דורש חיבור לרשת.",
        "Managing invitations needs a network connection.";
    /// Optional name of an invitation.
    invite_label_label:
        "שם להזמנה (לא חובה)",
        "Name of the invitation (optional)";
    /// What an invitation's name is for.
    invite_label_hint:
        "למשל: לפגישה של 5 בינואר. רק מנהלי הקהילה רואים את השם.",
        "For example: for the meeting of 5 Jan. Only community admins see it.";
    /// An invitation without a name, in the list; `{role}`.
    invite_unnamed:
        "הזמנה ל{role}",
        "Invitation as {role}";
    /// Said once an invitation is created; `{name}` names it.
    invite_created:
        "ההזמנה „{name}” נוצרה. הקישור מוכן להעתקה או לשליחה.",
        "The invitation “{name}” is created. Its link is ready to copy or share.";
    /// Said once an invitation is revoked; `{name}` names it.
    invite_revoked_said:
        "ההזמנה „{name}” בוטלה. מי שהצטרפו דרכה כבר לא מחוברים.",
        "The invitation “{name}” is revoked. Those who joined with it are signed out.";
    /// Asks before revoking; `{name}` names the invitation.
    invite_revoke_confirm:
        "לבטל את „{name}”? כל מי שהצטרפו דרכה יאבדו את הגישה. אי אפשר לבטל את הביטול.",
        "Revoke “{name}”? Everyone who joined with it loses access. This cannot be undone.";
    /// Asks before revoking the invitation this device joined with; `{name}`.
    invite_revoke_own:
        "דרך „{name}” הצטרפת במכשיר הזה. ביטול ינתק גם אותך, ותצטרכו קישור חדש כדי לחזור.",
        "You joined on this device with “{name}”. Revoking it signs you out too; you will need a new link to come back.";
    /// Confirms a revoke.
    invite_revoke_yes:
        "כן, לבטל",
        "Yes, revoke";
    /// Keeps the invitation.
    invite_revoke_no:
        "לא, להשאיר",
        "No, keep it";
    /// Marks the invitation this device joined with.
    invite_yours:
        "דרכה הצטרפת",
        "You joined with this one";
    /// The relay refused a token.
    err_invalid_invite:
        "הקישור לא בתוקף: פג תוקפו, בוטל או הועתק חלקית.",
        "The link is not valid: it has expired, was revoked, or was copied only in part.";
    /// The relay refused an action for the role.
    err_forbidden:
        "התפקיד שלך בקהילה לא מאפשר את הפעולה הזאת.",
        "Your role in the community does not allow this.";
    /// A device link used twice.
    err_link_used:
        "בקישור הזה כבר השתמשו. צרו קישור חדש במכשיר שלכם.",
        "This link has been used already. Make a new one on your device.";
    /// Too many device links at once.
    err_too_many_links:
        "יש יותר מדי קישורים פתוחים למכשיר נוסף. השתמשו באחד מהם או המתינו חצי שעה.",
        "Too many links for another device are open. Use one of them, or wait half an hour.";
    /// A bad invitation name.
    err_label:
        "שם ההזמנה ארוך מ-80 תווים או מכיל תווים לא חוקיים.",
        "The invitation's name is longer than 80 characters or has characters that are not allowed.";
    /// Any other refusal; `{status}` is the HTTP status.
    err_other:
        "השרת סירב (קוד {status}). נסו שוב מאוחר יותר.",
        "The relay refused (code {status}). Try again later.";
    /// Heading of "use Kehila on another device".
    device_heading:
        "שימוש במכשיר נוסף",
        "Use Kehila on another device";
    /// What a device link does.
    device_hint:
        "קישור חד-פעמי שפותח את קהילה במכשיר נוסף שלך (למשל במחשב) בשמך ובתפקיד שלך, כך שתהיו חבר/ה אחד/ת בכל המכשירים. הוא בתוקף חצי שעה ולשימוש אחד; אל תשלחו אותו לאחרים.",
        "A one-time link that opens Kehila on another device of yours (a computer, say) as you, with your role, so you are one member everywhere. It works once, for half an hour; do not send it to anyone else.";
    /// Makes a device link.
    device_create:
        "יצירת קישור למכשיר נוסף",
        "Make a link for another device";
    /// Label of the device link.
    device_link_label:
        "הקישור למכשיר הנוסף",
        "The link for your other device";
    /// Said once a device link is made; `{time}` is when it expires.
    device_created:
        "הקישור מוכן, בתוקף עד {time}. פתחו אותו במכשיר הנוסף.",
        "The link is ready, valid until {time}. Open it on your other device.";
    /// Text sent with the device link on WhatsApp (to oneself).
    device_message:
        "הקישור שלי לקהילה במכשיר נוסף (חד-פעמי):",
        "My one-time link to Kehila on another device:";
    /// Device links need the network.
    device_offline:
        "יצירת קישור למכשיר נוסף דורשת חיבור לרשת.",
        "Making a link for another device needs a network connection.";
}
