//! The board's outcome as Markdown: the question, the groups and notes in vote order with their
//! dots, and the action items. Copied, shared on WhatsApp, printed, and (once knowledge
//! documents exist) saved as one.

use super::{votes, Board};

/// The words of a summary, in the member's language.
pub struct Labels<'a> {
    /// "Question".
    pub question: &'a str,
    /// "Meeting".
    pub meeting: &'a str,
    /// "Results".
    pub results: &'a str,
    /// "Actions".
    pub actions: &'a str,
    /// "{n} dots" (one dot: "{n} dot" in English; Hebrew has one form here).
    pub dots: &'a str,
    /// The singular, "1 dot".
    pub one_dot: &'a str,
    /// "Other notes" (not grouped, no dots).
    pub ungrouped: &'a str,
    /// "due".
    pub due: &'a str,
}

fn dots(labels: &Labels<'_>, n: u32) -> String {
    if n == 1 {
        labels.one_dot.to_string()
    } else {
        labels.dots.replace("{n}", &n.to_string())
    }
}

/// One line of Markdown text: newlines flattened, so a note cannot break the list.
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The summary of `board`; `author` names a note's author (empty when anonymous or unknown).
pub fn markdown(board: &Board, labels: &Labels<'_>, author: impl Fn(&str) -> String) -> String {
    let mut out = format!("# {}\n\n", line(&board.title));
    if !board.question.trim().is_empty() {
        out.push_str(&format!(
            "**{}:** {}\n\n",
            labels.question,
            line(&board.question)
        ));
    }
    let meeting: Vec<&str> = [
        board.meeting.date.as_str(),
        board.meeting.place.as_str(),
        board.meeting.link.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect();
    if !meeting.is_empty() {
        out.push_str(&format!(
            "**{}:** {}\n\n",
            labels.meeting,
            meeting.join(" · ")
        ));
    }
    out.push_str(&format!("## {}\n\n", labels.results));
    let tally = votes::Tally::of(board).order;
    let mut listed: Vec<(String, u32)> = tally.clone();
    // Units without dots follow, groups first, in board order.
    for group in &board.groups {
        if !listed.iter().any(|(u, _)| *u == group.id) {
            listed.push((group.id.clone(), 0));
        }
    }
    let note_line = |note: &super::Note| {
        let by = if board.settings.anonymous {
            String::new()
        } else {
            author(&note.author)
        };
        let mut text = line(&note.text);
        if !by.is_empty() {
            text.push_str(&format!(" — {by}"));
        }
        text
    };
    let mut rank = 0;
    for (unit, n) in &listed {
        if let Some(group) = board.group(unit) {
            rank += 1;
            out.push_str(&format!(
                "{rank}. **{}** ({})\n",
                line(&group.name),
                dots(labels, *n)
            ));
            for note in board.notes_in(&group.id) {
                out.push_str(&format!("   - {}\n", note_line(note)));
            }
        } else if let Some(note) = board.note(unit) {
            rank += 1;
            out.push_str(&format!(
                "{rank}. {} ({})\n",
                note_line(note),
                dots(labels, *n)
            ));
        }
    }
    let rest: Vec<&super::Note> = board
        .notes
        .iter()
        .filter(|n| n.group.is_empty() && !tally.iter().any(|(u, _)| *u == n.id))
        .collect();
    if !rest.is_empty() {
        out.push_str(&format!("\n**{}:**\n", labels.ungrouped));
        for note in rest {
            out.push_str(&format!("- {}\n", note_line(note)));
        }
    }
    if !board.actions.is_empty() {
        out.push_str(&format!("\n## {}\n\n", labels.actions));
        for action in &board.actions {
            let mut item = format!(
                "- [{}] {}",
                if action.done { "x" } else { " " },
                line(&action.text)
            );
            if !action.owner.trim().is_empty() {
                item.push_str(&format!(" — {}", line(&action.owner)));
            }
            if !action.due.trim().is_empty() {
                item.push_str(&format!(" ({} {})", labels.due, action.due.trim()));
            }
            out.push_str(&item);
            out.push('\n');
        }
    }
    out
}
