//! The board model's native tests: phases and who runs them, hidden notes, voting under
//! concurrency, grouping, the timer and the summary.

use automerge::{transaction::Transaction, ActorId, Automerge};
use sync_core::roles::Role;

use super::{
    groups,
    phase::{shows_note, Actor, Rights},
    read, summary, timer, votes, NewBoard, Phase, Setting, Template,
};

const ANN: Actor<'static> = Actor {
    member: "m-ann",
    role: Role::Member,
};
const BEN: Actor<'static> = Actor {
    member: "m-ben",
    role: Role::Member,
};
const ADMIN: Actor<'static> = Actor {
    member: "m-admin",
    role: Role::Admin,
};
const VIEWER: Actor<'static> = Actor {
    member: "m-view",
    role: Role::Viewer,
};

fn board() -> Automerge {
    let mut doc = Automerge::new();
    doc.apply_changes([automerge::Change::from_bytes(super::skeleton()).unwrap()])
        .unwrap();
    edit(&mut doc, |tx| {
        super::create(
            tx,
            &NewBoard {
                title: "  מה יקדם את הקהילה? ".into(),
                question: "What would help most?".into(),
                template: Template::Columns,
                columns: vec!["works".into(), "blocks".into(), "ideas".into()],
            },
            ANN.member,
            1_000,
        )
        .unwrap();
    });
    doc
}

fn edit<T>(doc: &mut Automerge, f: impl FnOnce(&mut Transaction<'_>) -> T) -> T {
    let mut tx = doc.transaction();
    let out = f(&mut tx);
    tx.commit();
    out
}

/// The dots per unit, most first.
fn tally(board: &super::Board) -> Vec<(String, u32)> {
    votes::Tally::of(board).order
}

fn phase(doc: &mut Automerge, to: Phase) {
    assert!(edit(doc, |tx| super::set_phase(tx, ANN, to)));
}

#[test]
fn a_new_board_has_its_title_columns_and_creator_as_facilitator() {
    let doc = board();
    let b = read(&doc);
    assert_eq!(b.title, "מה יקדם את הקהילה?");
    assert_eq!(b.question, "What would help most?");
    let titles: Vec<&str> = b.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["works", "blocks", "ideas"]);
    assert_eq!(b.phase, Phase::Write);
    assert!(super::phase::is_facilitator(&b, "m-ann"));
    assert_eq!(b.settings.budget, 5);
    assert_eq!(b.settings.cap, 3);
    assert!(
        b.settings.hide_while_writing,
        "hidden writing is the default"
    );
    let mut blank = Automerge::new();
    assert_eq!(
        edit(&mut blank, |tx| super::create(
            tx,
            &NewBoard {
                title: "  ".into(),
                question: String::new(),
                template: Template::Canvas,
                columns: vec![]
            },
            "m",
            0
        )),
        Err(super::NewBoardError::NoTitle)
    );
}

#[test]
fn only_the_facilitator_or_an_admin_moves_the_phase_and_a_hand_off_moves_that_right() {
    let mut doc = board();
    assert!(
        !edit(&mut doc, |tx| super::set_phase(tx, BEN, Phase::Group)),
        "a participant may not"
    );
    assert!(!edit(&mut doc, |tx| super::set_phase(
        tx,
        VIEWER,
        Phase::Group
    )));
    assert_eq!(read(&doc).phase, Phase::Write);
    assert!(edit(&mut doc, |tx| super::set_phase(tx, ANN, Phase::Group)));
    assert_eq!(read(&doc).phase, Phase::Group);
    assert!(
        edit(&mut doc, |tx| super::set_phase(tx, ADMIN, Phase::Vote)),
        "an admin may"
    );
    assert_eq!(read(&doc).phase, Phase::Vote);
    // Ann hands the board to Ben: now he runs it and she does not.
    assert!(edit(&mut doc, |tx| super::hand_to(tx, ANN, "m-ben")));
    assert!(!edit(&mut doc, |tx| super::set_phase(
        tx,
        ANN,
        Phase::Discuss
    )));
    assert!(edit(&mut doc, |tx| super::set_phase(
        tx,
        BEN,
        Phase::Discuss
    )));
    assert_eq!(read(&doc).phase, Phase::Discuss);
    assert_eq!(Phase::Write.next(), Some(Phase::Group));
    assert_eq!(Phase::Done.next(), None);
    assert_eq!(Phase::Write.previous(), None);
    assert_eq!(Phase::Vote.previous(), Some(Phase::Group));
    assert_eq!(Phase::parse("nonsense"), Phase::Write);
}

#[test]
fn what_each_phase_allows() {
    let mut doc = board();
    let rights = |doc: &Automerge, a| Rights::of(&read(doc), a);
    assert!(rights(&doc, BEN).add_notes && !rights(&doc, BEN).vote && !rights(&doc, BEN).group);
    assert!(!rights(&doc, VIEWER).add_notes, "viewers only watch");
    assert!(edit(&mut doc, |tx| super::add_note(
        tx, BEN, "n1", "note", "c1", "blue", 5
    )));
    assert!(!edit(&mut doc, |tx| super::add_note(
        tx, VIEWER, "n2", "note", "c1", "blue", 5
    )));
    assert!(
        !edit(&mut doc, |tx| super::add_note(
            tx, BEN, "n3", "   ", "c1", "blue", 5
        )),
        "blank"
    );
    phase(&mut doc, Phase::Group);
    assert!(rights(&doc, BEN).group);
    assert!(edit(&mut doc, |tx| super::set_setting(
        tx,
        ANN,
        Setting::LockGrouping(true)
    )));
    assert!(
        !rights(&doc, BEN).group,
        "locked: only the facilitator groups"
    );
    assert!(rights(&doc, ANN).group);
    phase(&mut doc, Phase::Vote);
    assert!(rights(&doc, BEN).vote && !rights(&doc, BEN).add_notes);
    phase(&mut doc, Phase::Done);
    let done = rights(&doc, BEN);
    assert!(!done.vote && !done.add_notes && !done.group && !done.act);
    assert!(
        !edit(&mut doc, |tx| super::delete_note(tx, BEN, "n1")),
        "a closed board is a record"
    );
}

#[test]
fn while_writing_others_notes_are_hidden_until_the_group_phase() {
    let mut doc = board();
    edit(&mut doc, |tx| {
        super::add_note(tx, BEN, "n1", "Ben's", "c1", "yellow", 5)
    });
    let b = read(&doc);
    assert!(shows_note(&b, "m-ben", "m-ben"));
    assert!(!shows_note(&b, "m-ann", "m-ben"));
    phase(&mut doc, Phase::Group);
    assert!(shows_note(&read(&doc), "m-ann", "m-ben"));
    // With hiding off, everything shows while writing.
    let mut open = board();
    edit(&mut open, |tx| {
        super::set_setting(tx, ANN, Setting::HideWhileWriting(false))
    });
    assert!(shows_note(&read(&open), "m-ann", "m-ben"));
}

#[test]
fn only_a_notes_author_or_the_facilitator_edits_or_deletes_it() {
    let mut doc = board();
    edit(&mut doc, |tx| {
        super::add_note(tx, BEN, "n1", "Ben", "c1", "yellow", 5)
    });
    let splice = crate::sync::text::Splice {
        start: 3,
        delete: 0,
        insert: "!".into(),
    };
    let other = Actor {
        member: "m-cat",
        role: Role::Member,
    };
    assert!(!edit(&mut doc, |tx| super::edit_note(
        tx, other, "n1", &splice
    )));
    assert!(!edit(&mut doc, |tx| super::delete_note(tx, other, "n1")));
    assert!(edit(&mut doc, |tx| super::edit_note(
        tx, BEN, "n1", &splice
    )));
    assert_eq!(read(&doc).note("n1").unwrap().text, "Ben!");
    assert!(edit(&mut doc, |tx| super::colour_note(
        tx, BEN, "n1", "pink"
    )));
    assert!(!edit(&mut doc, |tx| super::colour_note(
        tx,
        BEN,
        "n1",
        "javascript:"
    )));
    assert_eq!(read(&doc).note("n1").unwrap().colour, "pink");
    assert!(
        edit(&mut doc, |tx| super::delete_note(tx, ANN, "n1")),
        "the facilitator tidies"
    );
    assert!(read(&doc).notes.is_empty());
}

fn voting_board() -> Automerge {
    let mut doc = board();
    for (id, col) in [("n1", "c1"), ("n2", "c1"), ("n3", "c2")] {
        edit(&mut doc, |tx| {
            super::add_note(tx, BEN, id, id, col, "yellow", 10)
        });
    }
    phase(&mut doc, Phase::Vote);
    doc
}

#[test]
fn budget_and_cap_hold_on_one_device() {
    let mut doc = voting_board();
    for i in 0..3 {
        assert!(edit(&mut doc, |tx| super::vote(
            tx,
            BEN,
            &format!("v{i}"),
            "n1",
            100 + i
        )));
    }
    assert!(
        !edit(&mut doc, |tx| super::vote(tx, BEN, "v3", "n1", 200)),
        "cap of 3 on one note"
    );
    assert!(edit(&mut doc, |tx| super::vote(tx, BEN, "v4", "n2", 201)));
    assert!(edit(&mut doc, |tx| super::vote(tx, BEN, "v5", "n3", 202)));
    assert_eq!(votes::Tally::of(&read(&doc)).left("m-ben"), 0);
    assert!(
        !edit(&mut doc, |tx| super::vote(tx, BEN, "v6", "n3", 203)),
        "budget of 5 spent"
    );
    assert!(
        !edit(&mut doc, |tx| super::vote(tx, ANN, "v7", "nope", 203)),
        "no such note"
    );
    assert!(edit(&mut doc, |tx| super::unvote(tx, BEN, "n1")));
    assert_eq!(votes::Tally::of(&read(&doc)).left("m-ben"), 1);
    assert_eq!(votes::Tally::of(&read(&doc)).mine("m-ben", "n1"), 2);
    assert_eq!(
        tally(&read(&doc)),
        vec![("n1".into(), 2), ("n2".into(), 1), ("n3".into(), 1)]
    );
}

#[test]
fn concurrent_votes_from_two_devices_of_one_member_resolve_the_same_everywhere() {
    let base = voting_board();
    let mut phone = base.fork().with_actor(ActorId::from(b"phone".as_slice()));
    let mut laptop = base.fork().with_actor(ActorId::from(b"laptop".as_slice()));
    // Offline, each device spends the whole budget: 3 on n1 + 2 on n2 on the phone, 3 on n3 and
    // 2 on n1 on the laptop. Together: 10 dots, 5 on n1.
    for (i, unit) in ["n1", "n1", "n1", "n2", "n2"].iter().enumerate() {
        assert!(edit(&mut phone, |tx| super::vote(
            tx,
            BEN,
            &format!("p{i}"),
            unit,
            1_000 + i as i64 * 10
        )));
    }
    for (i, unit) in ["n3", "n3", "n3", "n1", "n1"].iter().enumerate() {
        assert!(edit(&mut laptop, |tx| super::vote(
            tx,
            BEN,
            &format!("l{i}"),
            unit,
            1_005 + i as i64 * 10
        )));
    }
    let mut a = phone.fork();
    a.merge(&mut laptop.clone()).unwrap();
    let mut b = laptop.fork();
    b.merge(&mut phone.clone()).unwrap();
    let (ra, rb) = (read(&a), read(&b));
    assert_eq!(
        ra.votes.len(),
        10,
        "both devices' votes are kept in the document"
    );
    let ids = |board: &super::Board| {
        let mut v: Vec<String> = votes::counted(board)
            .into_iter()
            .map(|(v, _)| v.id.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&ra), ids(&rb), "the same votes count on both");
    // In time order: p0 1000, l0 1005, p1 1010, l1 1015, p2 1020 → budget spent.
    assert_eq!(ids(&ra), ["l0", "l1", "p0", "p1", "p2"]);
    assert_eq!(votes::Tally::of(&ra).left("m-ben"), 0);
    let counts = votes::Tally::of(&ra);
    assert_eq!(counts.mine("m-ben", "n1"), 3);
    assert_eq!(counts.mine("m-ben", "n3"), 2);
    assert_eq!(counts.mine("m-ben", "n2"), 0, "the budget was spent first");
    assert_eq!(tally(&ra), tally(&rb));
}

#[test]
fn a_vote_on_a_note_counts_for_its_group_and_merging_keeps_every_dot() {
    let mut doc = board();
    for id in ["n1", "n2", "n3"] {
        edit(&mut doc, |tx| {
            super::add_note(tx, BEN, id, id, "c1", "yellow", 10)
        });
    }
    phase(&mut doc, Phase::Group);
    assert!(edit(&mut doc, |tx| groups::make_group(
        tx,
        BEN,
        "g1",
        "Tools",
        &["n1".into()],
        20
    )));
    assert!(edit(&mut doc, |tx| groups::make_group(
        tx,
        BEN,
        "g2",
        "People",
        &["n2".into(), "n3".into()],
        30
    )));
    phase(&mut doc, Phase::Vote);
    assert!(
        !edit(&mut doc, |tx| super::vote(tx, BEN, "v0", "n1", 40)),
        "vote for the group, not its note"
    );
    assert!(edit(&mut doc, |tx| super::vote(tx, BEN, "v1", "g1", 40)));
    assert!(edit(&mut doc, |tx| super::vote(tx, ANN, "v2", "g2", 41)));
    assert!(edit(&mut doc, |tx| super::vote(tx, ANN, "v3", "g2", 42)));
    assert_eq!(tally(&read(&doc)), vec![("g2".into(), 2), ("g1".into(), 1)]);
    phase(&mut doc, Phase::Discuss);
    assert!(edit(&mut doc, |tx| groups::merge_groups(
        tx, BEN, "g1", "g2"
    )));
    let b = read(&doc);
    assert!(b.group("g2").is_none());
    assert_eq!(b.notes_in("g1").len(), 3);
    assert_eq!(
        tally(&b),
        vec![("g1".into(), 3)],
        "every dot moved with the notes"
    );
}

#[test]
fn groups_split_and_empty_groups_go() {
    let mut doc = board();
    for id in ["n1", "n2", "n3"] {
        edit(&mut doc, |tx| {
            super::add_note(tx, BEN, id, id, "c1", "yellow", 10)
        });
    }
    phase(&mut doc, Phase::Group);
    let all: Vec<String> = ["n1", "n2", "n3"].map(String::from).to_vec();
    assert!(edit(&mut doc, |tx| groups::make_group(
        tx, BEN, "g1", "All", &all, 20
    )));
    assert!(!edit(&mut doc, |tx| groups::split_group(
        tx,
        BEN,
        "g2",
        "x",
        &["nope".into()],
        21
    )));
    assert!(edit(&mut doc, |tx| groups::split_group(
        tx,
        BEN,
        "g2",
        "Two",
        &["n2".into(), "n3".into()],
        21
    )));
    let b = read(&doc);
    assert_eq!(
        b.notes_in("g1")
            .iter()
            .map(|n| n.id.as_str())
            .collect::<Vec<_>>(),
        ["n1"]
    );
    assert_eq!(b.notes_in("g2").len(), 2);
    assert!(edit(&mut doc, |tx| groups::ungroup(tx, BEN, "n1")));
    assert!(read(&doc).group("g1").is_none(), "the emptied group went");
    assert!(edit(&mut doc, |tx| groups::rename_group(
        tx, BEN, "g2", "  Pair "
    )));
    assert_eq!(read(&doc).group("g2").unwrap().name, "Pair");
    // A note joining a group moves to its column.
    assert!(edit(&mut doc, |tx| super::move_note(tx, BEN, "n1", "c3")));
    assert!(edit(&mut doc, |tx| groups::add_to_group(
        tx, BEN, "n1", "g2"
    )));
    let b = read(&doc);
    assert_eq!(b.note("n1").unwrap().column, "c1");
    assert_eq!(b.notes_in("g2").len(), 3);
    assert!(edit(&mut doc, |tx| groups::delete_group(tx, BEN, "g2")));
    assert!(read(&doc).notes.iter().all(|n| n.group.is_empty()));
}

#[test]
fn a_group_deleted_on_one_device_while_another_adds_to_it_leaves_the_note_ungrouped() {
    let mut doc = board();
    for id in ["n1", "n2"] {
        edit(&mut doc, |tx| {
            super::add_note(tx, BEN, id, id, "c1", "yellow", 10)
        });
    }
    phase(&mut doc, Phase::Group);
    edit(&mut doc, |tx| {
        groups::make_group(tx, BEN, "g1", "G", &["n1".into()], 20)
    });
    let mut other = doc.fork();
    edit(&mut doc, |tx| groups::delete_group(tx, ANN, "g1"));
    edit(&mut other, |tx| groups::add_to_group(tx, BEN, "n2", "g1"));
    doc.merge(&mut other).unwrap();
    let b = read(&doc);
    assert!(b.group("g1").is_none());
    assert!(
        b.notes.iter().all(|n| n.group.is_empty()),
        "no note points at a group that is gone"
    );
    assert_eq!(b.notes.len(), 2, "no note lost");
}

#[test]
fn the_timer_counts_down_on_the_relays_clock_whatever_the_devices_clocks_say() {
    let mut doc = board();
    // The facilitator's phone is 90 s fast; it knows (offset −90 s) and starts a 5-minute timer.
    let relay_now = 1_700_000_000_000;
    let fast_phone = relay_now + 90_000;
    let offset = timer::offset(
        fast_phone as f64 - 40.0,
        fast_phone as f64 + 40.0,
        relay_now as f64,
    );
    assert_eq!(offset, -90_000);
    assert!(edit(&mut doc, |tx| super::set_timer(
        tx,
        ANN,
        300,
        fast_phone + offset
    )));
    assert!(
        !edit(&mut doc, |tx| super::set_timer(tx, BEN, 1, relay_now)),
        "a participant may not"
    );
    let b = read(&doc);
    // A slow phone (2 minutes behind) that knows its offset sees the same time left.
    let slow_phone = relay_now - 120_000 + 60_000; // one minute later on the relay's clock
    assert_eq!(
        timer::remaining(b.timer_ends_at, slow_phone + 120_000),
        Some(240)
    );
    assert_eq!(
        timer::remaining(b.timer_ends_at, relay_now + 299_001),
        Some(1)
    );
    assert_eq!(
        timer::remaining(b.timer_ends_at, relay_now + 400_000),
        Some(0)
    );
    assert_eq!(timer::clock(240), "4:00");
    assert_eq!(timer::clock(3_725), "1:02:05");
    assert!(edit(&mut doc, |tx| super::set_timer(tx, ANN, 0, relay_now)));
    assert_eq!(
        timer::remaining(read(&doc).timer_ends_at, relay_now),
        None,
        "stopped"
    );
}

#[test]
fn the_summary_lists_groups_and_notes_in_vote_order_with_the_actions() {
    let mut doc = board();
    edit(&mut doc, |tx| {
        super::add_note(tx, BEN, "n1", "כלים משותפים\nלכולם", "c1", "yellow", 10)
    });
    edit(&mut doc, |tx| {
        super::add_note(tx, ANN, "n2", "Shared glossary 📘", "c1", "blue", 11)
    });
    edit(&mut doc, |tx| {
        super::add_note(tx, BEN, "n3", "מפגש חודשי", "c2", "green", 12)
    });
    edit(&mut doc, |tx| {
        super::add_note(tx, ANN, "n4", "Nobody voted", "c3", "green", 13)
    });
    phase(&mut doc, Phase::Group);
    edit(&mut doc, |tx| {
        groups::make_group(tx, BEN, "g1", "Tools", &["n1".into(), "n2".into()], 20)
    });
    phase(&mut doc, Phase::Vote);
    edit(&mut doc, |tx| super::vote(tx, BEN, "v1", "n3", 30));
    edit(&mut doc, |tx| super::vote(tx, ANN, "v2", "n3", 31));
    edit(&mut doc, |tx| super::vote(tx, ANN, "v3", "g1", 32));
    phase(&mut doc, Phase::Discuss);
    edit(&mut doc, |tx| {
        super::add_action(
            tx,
            ANN,
            "a1",
            "Schedule the meetup",
            "Dana",
            "2027-01-10",
            40,
        )
    });
    edit(&mut doc, |tx| {
        super::add_action(tx, ANN, "a2", "לפרסם סיכום", "", "", 41)
    });
    edit(&mut doc, |tx| super::set_action_done(tx, BEN, "a2", true));
    let labels = summary::Labels {
        question: "Question",
        meeting: "Meeting",
        results: "Results",
        actions: "Actions",
        dots: "{n} dots",
        one_dot: "1 dot",
        ungrouped: "Other notes",
        due: "due",
    };
    let names = |m: &str| match m {
        "m-ann" => "Ann".to_string(),
        _ => "Ben".to_string(),
    };
    let text = summary::markdown(&read(&doc), &labels, names);
    assert_eq!(
        text,
        "# מה יקדם את הקהילה?\n\n\
         **Question:** What would help most?\n\n\
         ## Results\n\n\
         1. מפגש חודשי — Ben (2 dots)\n\
         2. **Tools** (1 dot)\n   - כלים משותפים לכולם — Ben\n   - Shared glossary 📘 — Ann\n\
         \n**Other notes:**\n- Nobody voted — Ann\n\
         \n## Actions\n\n\
         - [ ] Schedule the meetup — Dana (due 2027-01-10)\n\
         - [x] לפרסם סיכום\n"
    );
    edit(&mut doc, |tx| {
        super::set_setting(tx, ANN, Setting::Anonymous(true))
    });
    assert!(
        !summary::markdown(&read(&doc), &labels, names).contains("Ann"),
        "anonymous: no authors"
    );
}
