//! `cargo xtask bench board`: a workshop board in a room of N participants (default 50 native
//! clients through the real relay, each on its own connection) writing M notes each (default
//! 10) at a meeting's pace, then voting; and a 300-note board in real Chromium. Prints one JSON
//! line: note propagation to all participants (`note_p50_ms`, `note_p99_ms`), vote propagation,
//! the board document's size, the relay's CPU per note, and in Chromium the render of the
//! 300-note board (`render_300_notes_ms`) and a remote note appearing after its message arrives.
//!
//! Usage: `kehila-bench-board --relay <kehila-relay> --dist <dist/> --script <board.mjs>
//! [--participants N] [--notes M] [--dots D] [--pace-ms MS]`
//!
//! Pace: each participant writes a note every `--pace-ms` (default 5 s, starts spread over the
//! room) and spends a dot every `--pace-ms` / 2.5. Why 5 s: a sticky note typed on a phone takes
//! 15–30 s, so 50 people at one every 5 s (10 notes/s for the room) is a burst several times
//! the busiest real writing phase. `--pace-ms 1000` is the stress case.

mod crowd;
mod setup;

use automerge::{Automerge, AutomergeError};
use kehila_app::boards::model::{self, phase::Actor, votes::Tally};
use kehila_tests::{RelayProcess, TestMember};
use sync_core::roles::Role;

/// Notes on the board Chromium renders (the figure).
const RENDER_NOTES: usize = 300;

struct Options {
    relay: String,
    dist: String,
    script: String,
    participants: usize,
    notes: usize,
    dots: usize,
    pace_ms: u64,
}

fn parse_args() -> Options {
    let mut options = Options {
        relay: String::new(),
        dist: String::new(),
        script: String::new(),
        participants: 50,
        notes: 10,
        dots: 5,
        pace_ms: 5_000,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--relay" => options.relay = value,
            "--dist" => options.dist = value,
            "--script" => options.script = value,
            "--participants" => options.participants = value.parse().expect("--participants N"),
            "--notes" => options.notes = value.parse().expect("--notes M"),
            "--dots" => options.dots = value.parse().expect("--dots D"),
            "--pace-ms" => options.pace_ms = value.parse().expect("--pace-ms MS"),
            other => panic!("unknown argument {other}"),
        }
    }
    assert!(!options.relay.is_empty() && !options.dist.is_empty() && !options.script.is_empty());
    assert!(options.participants >= 2 && options.notes >= 1);
    assert!(
        options.dots as u32 <= model::DEFAULT_BUDGET,
        "dots within the default budget"
    );
    options
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let options = parse_args();
    let folder = tempfile::tempdir().unwrap();
    kehila_tests::copy_dir(
        std::path::Path::new(&options.dist),
        &folder.path().join("dist"),
    );
    let relay = RelayProcess::start(&options.relay, folder.path());
    let token = relay
        .first_admin_invite
        .clone()
        .expect("a fresh relay prints its admin invite");
    let community = setup::Community::of(folder.path(), &token);

    // 1. The boards, listed in the community's catalog as the app lists them.
    // An admin's connection of its own (participant 0, the facilitator, joins with the room).
    let mut facilitator = TestMember::connect(&relay.url, &token, "m-bench-setup").await;
    let room = setup::board(
        &mut facilitator,
        &community,
        "Bench room",
        0,
        &crowd::member(0),
    )
    .await;
    let render = setup::board(
        &mut facilitator,
        &community,
        "Bench 300",
        1,
        "m-bench-setup",
    )
    .await;
    // Idle through the room's run it would miss the relay's pings: it goes, and comes back.
    drop(facilitator);

    // 2. The room writes, then votes.
    setup::wait_idle(relay.pid()).await;
    let cpu_before = setup::cpu_ms(relay.pid());
    let figures = crowd::run(
        &relay.url,
        &token,
        room,
        crowd::Room {
            participants: options.participants,
            notes: options.notes,
            dots: options.dots,
            pace: std::time::Duration::from_millis(options.pace_ms),
        },
        relay.pid(),
    )
    .await;
    let cpu_after = setup::cpu_ms(relay.pid());
    let total_notes = options.participants * options.notes;
    let total_votes = options.participants * options.dots;
    let first = &figures.boards[0];
    assert_eq!(first.notes.len(), total_notes, "every note is on the board");
    assert!(
        figures.boards.iter().all(|b| b == first),
        "every participant has the same board"
    );
    for note in &first.notes {
        let (i, k) = note.id[1..].split_once('-').expect("a bench note id");
        let (i, k): (usize, usize) = (i.parse().unwrap(), k.parse().unwrap());
        assert!(
            note.text
                .contains(&format!("idea {k} from participant {i}")),
            "{} kept its text",
            note.id
        );
    }
    let tally = Tally::of(first);
    let counted: u32 = tally.order.iter().map(|(_, n)| n).sum();
    assert_eq!(counted as usize, total_votes, "every dot counts once");

    // 3. A 300-note board for Chromium, in the group phase (every note shown, and more may come).
    let mut author = TestMember::connect(&relay.url, &token, "m-bench-author").await;
    author.open(render).await;
    author
        .pump_until(|m| !model::read(m.doc(render)).columns.is_empty())
        .await;
    for n in 0..RENDER_NOTES {
        author
            .change(render, |doc: &mut Automerge| {
                let _ = doc.transact::<_, _, AutomergeError>(|tx| {
                    let actor = Actor {
                        member: "m-bench-author",
                        role: Role::Member,
                    };
                    let column = format!("c{}", n % 3 + 1);
                    let text = if n % 2 == 0 {
                        format!("פתק {n}: מה עובד אצלנו 👍")
                    } else {
                        format!("Note {n}: what blocks us")
                    };
                    model::add_note(tx, actor, &format!("r{n:03}"), &text, &column, "yellow", 0);
                    Ok(())
                });
            })
            .await;
    }
    let mut facilitator = TestMember::connect(&relay.url, &token, "m-bench-setup").await;
    facilitator.open(render).await;
    facilitator
        .pump_until(|m| m.doc(render).get_heads() == author.doc(render).get_heads())
        .await;
    facilitator
        .change(render, |doc: &mut Automerge| {
            let _ = doc.transact::<_, _, AutomergeError>(|tx| {
                let actor = Actor {
                    member: "m-bench-setup",
                    role: Role::Admin,
                };
                assert!(model::set_phase(tx, actor, model::Phase::Group));
                Ok(())
            });
        })
        .await;
    facilitator
        .pump_until(|m| m.relay_has_everything(render))
        .await;
    author
        .pump_until(|m| m.doc(render).get_heads() == facilitator.doc(render).get_heads())
        .await;
    let browser = setup::browser(&options.script, &relay.url, &token, render, &mut author).await;

    let relay_cpu_ms = cpu_after - cpu_before;
    let to_all = &figures.note_to_all_ms;
    let delivery = &figures.note_delivery_ms;
    let votes = &figures.vote_to_all_ms;
    println!(
        "{}",
        serde_json::json!({
            "bench": "board",
            "participants": options.participants,
            "notes": total_notes,
            "votes": total_votes,
            "pace_ms_per_participant": options.pace_ms,
            "note_p50_ms": round(percentile(to_all, 0.5)),
            "note_p99_ms": round(percentile(to_all, 0.99)),
            "note_max_ms": round(percentile(to_all, 1.0)),
            "note_delivery_p50_ms": round(percentile(delivery, 0.5)),
            "note_delivery_p99_ms": round(percentile(delivery, 0.99)),
            "vote_p50_ms": round(percentile(votes, 0.5)),
            "vote_p99_ms": round(percentile(votes, 0.99)),
            "writing_wall_ms": round(figures.writing_ms),
            "board_document_bytes": figures.saved.len(),
            "relay_cpu_ms": relay_cpu_ms,
            "relay_cpu_writing_ms": figures.relay_cpu_writing_ms,
            "relay_cpu_per_note_ms": round(figures.relay_cpu_writing_ms as f64 / total_notes as f64 * 100.0) / 100.0,
            "relay_peak_rss_mib": round(setup::peak_rss_kib(relay.pid()) as f64 / 1024.0),
            "render_300_notes_ms": browser["render_300_notes_ms"].clone(),
            "remote_note_after_message_ms": browser["remote_note_after_message_ms"].clone(),
            "chromium": browser,
        })
    );
}
