//! The room: N participants (native clients, each its own connection through the real relay)
//! write M notes each at a meeting's pace, then the facilitator opens voting and each spends
//! their dots. Every participant records when each note and each vote reached it.

use std::{
    collections::{HashMap, HashSet},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use automerge::{transaction::Transaction, Automerge, AutomergeError, ReadDoc, ROOT};
use kehila_app::boards::model::{self, phase::Actor, Phase};
use kehila_tests::TestMember;
use sync_core::{ids::DocumentId, roles::Role};
use tokio::time::Instant;

/// What the room measured.
pub struct Figures {
    /// Per note, the time until the last other participant had it (ms).
    pub note_to_all_ms: Vec<f64>,
    /// Per note and receiver, the time until it had it (ms).
    pub note_delivery_ms: Vec<f64>,
    /// Per vote, the time until the last other participant had it (ms).
    pub vote_to_all_ms: Vec<f64>,
    /// Wall time of the writing phase, first note to the last one everywhere (ms).
    pub writing_ms: f64,
    /// The board as every participant has it at the end (one entry per participant).
    pub boards: Vec<model::Board>,
    /// The final document (one participant's), saved.
    pub saved: Vec<u8>,
    /// The relay's CPU time from the first note until every participant had every note (ms).
    pub relay_cpu_writing_ms: u64,
}

/// Who wrote which note or vote when, shared by the participants' tasks.
#[derive(Default)]
struct Log {
    sent: HashMap<String, Instant>,
    /// (item, receiver) → arrival.
    arrived: HashMap<String, Vec<Instant>>,
}

/// The member id of participant `i`.
pub fn member(i: usize) -> String {
    format!("m-bench-{i:03}")
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Makes one edit on `board` as `member` and sends it.
async fn act(member: &mut TestMember, board: DocumentId, f: impl FnOnce(&mut Transaction<'_>)) {
    member
        .change(board, |doc: &mut Automerge| {
            let _ = doc.transact::<_, _, AutomergeError>(|tx| {
                f(tx);
                Ok(())
            });
        })
        .await;
}

/// Ids of the entries of root map `key` this participant has not seen yet.
fn fresh(doc: &Automerge, key: &str, seen: &mut HashSet<String>) -> Vec<String> {
    let Ok(Some((_, map))) = doc.get(ROOT, key) else {
        return Vec::new();
    };
    if doc.length(&map) == seen.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for id in doc.keys(&map) {
        if seen.insert(id.clone()) {
            out.push(id);
        }
    }
    out
}

fn record(log: &Mutex<Log>, ids: Vec<String>) {
    if ids.is_empty() {
        return;
    }
    let at = Instant::now();
    let mut log = log.lock().unwrap();
    for id in ids {
        log.arrived.entry(id).or_default().push(at);
    }
}

/// The room's size and pace.
#[derive(Clone, Copy)]
pub struct Room {
    /// Participants (native clients).
    pub participants: usize,
    /// Notes each writes.
    pub notes: usize,
    /// Dots each spends.
    pub dots: usize,
    /// Time between one participant's notes.
    pub pace: Duration,
}

/// Runs the room on `board`: `participants` × `notes` notes at one per `pace` each, then
/// `dots` votes each.
pub async fn run(url: &str, token: &str, board: DocumentId, room: Room, relay_pid: u32) -> Figures {
    let Room {
        participants,
        notes,
        dots,
        pace,
    } = room;
    let log = Arc::new(Mutex::new(Log::default()));
    // Participants who have every note (the facilitator opens voting when all have).
    let complete = Arc::new(AtomicUsize::new(0));
    let cpu_writing = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut members = Vec::new();
    for i in 0..participants {
        // The facilitator is the admin; everyone else joins with an invitation of their own.
        let own = if i == 0 {
            token.to_string()
        } else {
            crate::setup::invite(url, token).await
        };
        let mut m = TestMember::connect(url, &own, &member(i)).await;
        m.open(board).await;
        members.push(m);
    }
    members[0]
        .pump_until(|m| !model::read(m.doc(board)).columns.is_empty())
        .await;
    let heads = members[0].doc(board).get_heads();
    for m in &mut members {
        m.pump_until(|m| m.doc(board).get_heads() == heads).await;
    }
    let columns: Vec<String> = model::read(members[0].doc(board))
        .columns
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let start = Instant::now() + Duration::from_millis(200);
    let cpu_start = crate::setup::cpu_ms(relay_pid);
    let mut tasks = Vec::new();
    for (i, mut m) in members.into_iter().enumerate() {
        let (log, complete, columns) = (log.clone(), complete.clone(), columns.clone());
        let cpu_writing = cpu_writing.clone();
        tasks.push(tokio::spawn(async move {
            let me = member(i);
            let role = if i == 0 { Role::Admin } else { Role::Member };
            // (The relay knows each connection's role from its token; the model re-checks the
            // role the app claims, as the app does.)
            let (mut seen_notes, mut seen_votes) = (HashSet::new(), HashSet::new());
            // Writing: one note per `pace` each, the room's starts spread over it.
            let offset = pace * i as u32 / participants as u32;
            let mut k = 0;
            loop {
                if k < notes {
                    let due = start + offset + pace * k as u32;
                    if Instant::now() >= due {
                        let id = format!("n{i:03}-{k:02}");
                        let text =
                            format!("רעיון {k} של משתתף {i} — idea {k} from participant {i}");
                        let column = columns[(i + k) % columns.len()].clone();
                        log.lock().unwrap().sent.insert(id.clone(), Instant::now());
                        seen_notes.insert(id.clone());
                        act(&mut m, board, |tx| {
                            let actor = Actor { member: &me, role };
                            assert!(model::add_note(
                                tx,
                                actor,
                                &id,
                                &text,
                                &column,
                                "yellow",
                                now_ms()
                            ));
                        })
                        .await;
                        k += 1;
                        continue;
                    }
                    m.pump_once(due).await;
                } else if seen_notes.len() == participants * notes {
                    complete.fetch_add(1, Ordering::SeqCst);
                    break;
                } else {
                    m.pump_once(Instant::now() + Duration::from_millis(50))
                        .await;
                }
                let ids = fresh(m.doc(board), "notes", &mut seen_notes);
                record(&log, ids);
            }
            // The facilitator opens voting once the whole room has written.
            if i == 0 {
                while complete.load(Ordering::SeqCst) < participants {
                    m.pump_once(Instant::now() + Duration::from_millis(20))
                        .await;
                }
                cpu_writing.store(
                    crate::setup::cpu_ms(relay_pid) - cpu_start,
                    Ordering::SeqCst,
                );
                act(&mut m, board, |tx| {
                    let actor = Actor { member: &me, role };
                    assert!(model::set_phase(tx, actor, Phase::Group));
                    assert!(model::set_phase(tx, actor, Phase::Vote));
                })
                .await;
            }
            while model::read(m.doc(board)).phase != Phase::Vote {
                m.pump_once(Instant::now() + Duration::from_millis(50))
                    .await;
            }
            // Voting: a dot per `pace` / 2.5 each (a tap, quicker than a note), spread too.
            let dot_pace = pace * 2 / 5;
            let voted_at = Instant::now() + dot_pace * i as u32 / participants as u32;
            let total = participants * notes;
            for d in 0..dots {
                let due = voted_at + dot_pace * d as u32;
                while Instant::now() < due {
                    m.pump_once(due).await;
                    let ids = fresh(m.doc(board), "votes", &mut seen_votes);
                    record(&log, ids);
                }
                let target = (i * 7 + d * 13 + 1) % total;
                let unit = format!("n{:03}-{:02}", target / notes, target % notes);
                let id = format!("v{i:03}-{d}");
                log.lock().unwrap().sent.insert(id.clone(), Instant::now());
                seen_votes.insert(id.clone());
                act(&mut m, board, |tx| {
                    let actor = Actor { member: &me, role };
                    assert!(
                        model::vote(tx, actor, &id, &unit, now_ms()),
                        "a dot within budget and cap"
                    );
                })
                .await;
            }
            let deadline = Instant::now() + Duration::from_secs(60);
            while seen_votes.len() < participants * dots {
                assert!(Instant::now() < deadline, "every vote arrives");
                m.pump_once(Instant::now() + Duration::from_millis(50))
                    .await;
                let ids = fresh(m.doc(board), "votes", &mut seen_votes);
                record(&log, ids);
            }
            // Settle: the last acknowledgements.
            m.pump_for(Duration::from_millis(300)).await;
            m
        }));
    }
    let mut members = Vec::new();
    for task in tasks {
        members.push(task.await.expect("a participant's task"));
    }
    let log = Arc::try_unwrap(log).ok().unwrap().into_inner().unwrap();
    let mut figures = Figures {
        note_to_all_ms: Vec::new(),
        note_delivery_ms: Vec::new(),
        vote_to_all_ms: Vec::new(),
        writing_ms: 0.0,
        boards: members.iter().map(|m| model::read(m.doc(board))).collect(),
        saved: members[0].doc(board).save(),
        relay_cpu_writing_ms: cpu_writing.load(Ordering::SeqCst),
    };
    let mut last_note = start;
    for (id, sent) in &log.sent {
        let arrivals = log.arrived.get(id).cloned().unwrap_or_default();
        assert_eq!(
            arrivals.len(),
            participants - 1,
            "{id} reached every other participant"
        );
        let ms = |at: &Instant| at.duration_since(*sent).as_secs_f64() * 1000.0;
        let to_all = arrivals.iter().map(ms).fold(0.0, f64::max);
        if id.starts_with('n') {
            figures.note_delivery_ms.extend(arrivals.iter().map(ms));
            figures.note_to_all_ms.push(to_all);
            last_note = last_note.max(arrivals.iter().copied().max().unwrap_or(*sent));
        } else {
            figures.vote_to_all_ms.push(to_all);
        }
    }
    figures.writing_ms = last_note.duration_since(start).as_secs_f64() * 1000.0;
    for list in [
        &mut figures.note_to_all_ms,
        &mut figures.note_delivery_ms,
        &mut figures.vote_to_all_ms,
    ] {
        list.sort_by(f64::total_cmp);
    }
    figures
}
