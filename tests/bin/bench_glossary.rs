//! `cargo xtask bench glossary`: a glossary of N generated entries (default 2,000) through the
//! real relay and in real Chromium. Prints one JSON line: the glossary document's size, the time
//! for a fresh member to receive it from the relay, search time per keystroke (in Chromium, and
//! natively for reference), and opening it on the device in Chromium: the list from the cached
//! view, and the Automerge document itself from IndexedDB.
//!
//! Usage: `kehila-bench-glossary --relay <kehila-relay> --dist <dist/> --script <glossary.mjs>
//! [--entries N]`

use std::time::{Duration, Instant};

use automerge::{transaction::CommitOptions, Automerge, AutomergeError};
use kehila_app::{
    glossary::{
        history,
        model::{self, EntryEdit, Status},
        search::Index,
    },
    sync::{text::Splice, Note},
};
use kehila_tests::{RelayProcess, TestMember};
use sync_core::ids::DocumentId;
use sync_server::access::{Keys, TokenKind};

const QUERY: &str = "טרנספורמציה דיגיטלית";

struct Options {
    relay: String,
    dist: String,
    script: String,
    entries: usize,
}

fn parse_args() -> Options {
    let mut options = Options {
        relay: String::new(),
        dist: String::new(),
        script: String::new(),
        entries: 2_000,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--relay" => options.relay = value,
            "--dist" => options.dist = value,
            "--script" => options.script = value,
            "--entries" => options.entries = value.parse().expect("--entries N"),
            other => panic!("unknown argument {other}"),
        }
    }
    assert!(!options.relay.is_empty() && !options.dist.is_empty() && !options.script.is_empty());
    options
}

/// A small deterministic generator (no dependency, same glossary every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() as usize % items.len()]
    }
}

const HE_WORDS: [&str; 24] = [
    "טרנספורמציה",
    "דיגיטלית",
    "שירות",
    "ממשלתי",
    "אזרח",
    "תהליך",
    "נתונים",
    "מידע",
    "ארגון",
    "שינוי",
    "חדשנות",
    "משתמש",
    "מערכת",
    "ניהול",
    "אסטרטגיה",
    "בשלות",
    "עדשה",
    "קהילה",
    "ידע",
    "שיתוף",
    "מדיניות",
    "רגולציה",
    "תשתית",
    "ענן",
];
const EN_WORDS: [&str; 24] = [
    "transformation",
    "digital",
    "service",
    "government",
    "citizen",
    "process",
    "data",
    "information",
    "organisation",
    "change",
    "innovation",
    "user",
    "system",
    "management",
    "strategy",
    "maturity",
    "lens",
    "community",
    "knowledge",
    "sharing",
    "policy",
    "regulation",
    "infrastructure",
    "cloud",
];
const DOMAINS: [&str; 6] = [
    "אסטרטגיה",
    "חוויית לקוח",
    "טכנולוגיה",
    "משפט ורגולציה",
    "נתונים",
    "ארגון ותרבות",
];

fn sentence(rng: &mut Lcg, words: &[&str], length: usize) -> String {
    (0..length)
        .map(|_| rng.pick(words))
        .collect::<Vec<_>>()
        .join(" ")
}

fn generate(doc: &mut Automerge, entries: usize) {
    let skeleton = automerge::Change::from_bytes(model::skeleton()).unwrap();
    doc.apply_changes([skeleton]).unwrap();
    let mut rng = Lcg(2026);
    for i in 0..entries {
        let id = format!("e-{i:06x}");
        let term_he = format!("{} {} {i}", rng.pick(&HE_WORDS), rng.pick(&HE_WORDS));
        let term_en = format!("{} {} {i}", rng.pick(&EN_WORDS), rng.pick(&EN_WORDS));
        let edit = EntryEdit {
            scalars: vec![
                ("term_he", term_he),
                ("term_en", term_en),
                ("domain", rng.pick(&DOMAINS).to_string()),
                ("source", "Generated for the benchmark".into()),
            ],
            lists: vec![("synonyms_en", vec![sentence(&mut rng, &EN_WORDS, 2)])],
            texts: vec![
                ("definition_he", sentence(&mut rng, &HE_WORDS, 28)),
                ("definition_en", sentence(&mut rng, &EN_WORDS, 28)),
            ],
            related: None,
        };
        let status = [Status::Proposed, Status::Review, Status::Approved][i % 3];
        let message = Note::message("m-bench", Some(&history::note(&id, &["created"])));
        doc.transact_with::<_, _, AutomergeError, _>(
            |_| {
                CommitOptions::default()
                    .with_message(message)
                    .with_time(1_700_000_000)
            },
            |tx| {
                model::create_entry(tx, &id, &edit, status, "m-bench", 1_700_000_000_000);
                Ok(())
            },
        )
        .unwrap();
    }
}

/// One member's one-character edit to one entry arriving on another device, natively: applying
/// it, asking Automerge to diff the two versions (what the app did to find what changed), and
/// the device's incremental save.
fn one_edit_figures(doc: &Automerge) -> serde_json::Value {
    let mut device = doc.fork();
    let mut other = doc.fork();
    let id = model::entry_ids(doc).into_iter().next().expect("an entry");
    let before = device.get_heads();
    other
        .transact_with::<_, _, AutomergeError, _>(
            |_| CommitOptions::default(),
            |tx| {
                let splice = Splice {
                    start: 0,
                    delete: 0,
                    insert: "x".into(),
                };
                model::splice_field(tx, &id, "definition_he", &splice, "m-other", 1);
                Ok(())
            },
        )
        .unwrap();
    let change = other.get_last_local_change().unwrap().clone();
    let ms = |t: Instant| (t.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0;
    let t = Instant::now();
    device.apply_changes([change]).unwrap();
    let apply = ms(t);
    let after = device.get_heads();
    let t = Instant::now();
    let patches = device.diff(&before, &after);
    let diff = ms(t);
    let t = Instant::now();
    let saved = device.save_after(&before);
    let save = ms(t);
    let t = Instant::now();
    let entry = model::read_entry(&device, &id, model::At(None));
    let read = ms(t);
    std::hint::black_box((patches, saved, entry));
    serde_json::json!({ "apply_ms": apply, "diff_ms": diff, "save_after_ms": save, "read_entry_ms": read })
}

/// Operations per segment when the document is loaded as change segments, one per task.
const SEGMENT_OPS: usize = 20_000;

/// The document's changes applied from scratch in segments of about [`SEGMENT_OPS`]
/// operations (in causal order), natively: the total, the slowest segment, and how many. What
/// a sliced load on the page could cost, against loading the compressed snapshot at once.
fn segment_figures(doc: &Automerge) -> serde_json::Value {
    let changes = doc.get_changes(&[]);
    let mut segments: Vec<Vec<u8>> = vec![Vec::new()];
    let mut ops = 0;
    for change in changes {
        if ops >= SEGMENT_OPS {
            segments.push(Vec::new());
            ops = 0;
        }
        ops += change.len();
        segments
            .last_mut()
            .unwrap()
            .extend_from_slice(change.raw_bytes());
    }
    let t = Instant::now();
    let mut ledger = sync_core::storage::ChunkLedger::empty(DocumentId::from_random_bytes([1; 16]))
        .segmented(sync_core::storage::SEGMENT_OPS);
    let compaction = ledger.save(doc);
    let compaction_ms = t.elapsed().as_secs_f64() * 1000.0;
    let stored: usize = match &compaction {
        Some(sync_core::storage::StorageOp::Compact { chunks, .. }) => {
            chunks.iter().map(|c| c.bytes.len()).sum()
        }
        _ => 0,
    };
    let mut loaded = Automerge::new();
    let mut slowest = 0f64;
    let started = Instant::now();
    for segment in &segments {
        let t = Instant::now();
        loaded.load_incremental(segment).unwrap();
        slowest = slowest.max(t.elapsed().as_secs_f64() * 1000.0);
    }
    let total = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(loaded.get_heads().len(), doc.get_heads().len());
    serde_json::json!({
        "segments": segments.len(),
        "ops_per_segment": SEGMENT_OPS,
        "bytes": segments.iter().map(Vec::len).sum::<usize>(),
        "total_ms": total.round(),
        "slowest_segment_ms": (slowest * 10.0).round() / 10.0,
        "device_compaction_ms": compaction_ms.round(),
        "device_compaction_bytes": stored,
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::main]
async fn main() {
    let options = parse_args();
    let folder = tempfile::tempdir().unwrap();
    copy_dir(
        std::path::Path::new(&options.dist),
        &folder.path().join("dist"),
    );
    let relay = RelayProcess::start(&options.relay, folder.path());
    let token = relay
        .first_admin_invite
        .clone()
        .expect("a fresh relay prints its admin invite");
    let secret = std::fs::read(
        folder
            .path()
            .join("data")
            .join(sync_server::access::SECRET_FILE),
    )
    .unwrap();
    let keys = Keys::from_secret(secret.try_into().unwrap());
    let grant = keys
        .verify(TokenKind::Invite, &token, sync_server::access::now())
        .expect("the admin invite verifies");
    let glossary: DocumentId = keys.well_known_document(&grant.community, "glossary");

    // 1. Generate, measure the document, upload it.
    let mut author = TestMember::connect(&relay.url, &token, "author").await;
    author.open(glossary).await;
    author.pump_for(Duration::from_millis(300)).await;
    let entries = options.entries;
    author.change(glossary, |doc| generate(doc, entries)).await;
    let saved = author.doc(glossary).save();
    let bytes = saved.len();
    let t = Instant::now();
    let _ = Automerge::load(&saved).unwrap();
    let native_load_ms = t.elapsed().as_secs_f64() * 1000.0;
    let segments = segment_figures(author.doc(glossary));
    let one_edit = one_edit_figures(author.doc(glossary));
    author
        .pump_until(|m| m.relay_has_everything(glossary))
        .await;
    let heads = author.doc(glossary).get_heads();
    let listed = model::all_entries(author.doc(glossary));
    assert_eq!(listed.len(), entries);

    // 2. A fresh member receives it.
    let started = Instant::now();
    let mut fresh = TestMember::connect(&relay.url, &token, "fresh").await;
    fresh.open(glossary).await;
    fresh
        .pump_until(|m| m.doc(glossary).get_heads() == heads)
        .await;
    let receive_ms = started.elapsed().as_secs_f64() * 1000.0;

    // 3. Native search per keystroke (reference figure; the browser's is below).
    let index = Index::build(&listed);
    let mut native: Vec<f64> = Vec::new();
    for _ in 0..5 {
        for end in QUERY.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let t = Instant::now();
            let hits = index.search(&QUERY[..end]);
            native.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(hits);
        }
    }
    native.sort_by(f64::total_cmp);

    // 4. Chromium: open from the relay, reload to open from IndexedDB, type a search.
    let http = relay.url.replace("ws://", "http://").replace("/sync", "");
    // The remote editor is connected (and kept reading) for the whole browser run, so the edit
    // leaves the moment the browser asks for it.
    let mut editor = TestMember::connect(&relay.url, &token, "editor").await;
    editor.open(glossary).await;
    editor
        .pump_until(|m| m.doc(glossary).get_heads() == heads)
        .await;
    let mut node = tokio::process::Command::new("node")
        .arg(&options.script)
        .args([
            &http,
            &token,
            &glossary.to_string(),
            &entries.to_string(),
            QUERY,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("run node");
    let stdout = node.stdout.take().expect("node's stdout");
    let mut lines = tokio::io::AsyncBufReadExt::lines(tokio::io::BufReader::new(stdout));
    let mut last = String::new();
    loop {
        let line = tokio::select! {
            line = lines.next_line() => line.expect("read node's output"),
            _ = tokio::time::sleep(Duration::from_millis(200)) => {
                editor.pump_for(Duration::from_millis(5)).await;
                continue;
            }
        };
        let Some(line) = line else { break };
        if let Some(id) = line.strip_prefix("EDIT ") {
            let id = id.trim().to_string();
            editor
                .change(glossary, |doc| {
                    let message =
                        Note::message("m-editor", Some(&history::note(&id, &["definition_he"])));
                    doc.transact_with::<_, _, AutomergeError, _>(
                        |_| CommitOptions::default().with_message(message),
                        |tx| {
                            let splice = Splice {
                                start: 0,
                                delete: 0,
                                insert: "BENCHREMOTE ".into(),
                            };
                            model::splice_field(tx, &id, "definition_he", &splice, "m-editor", 1);
                            Ok(())
                        },
                    )
                    .unwrap();
                })
                .await;
        } else {
            last = line;
        }
    }
    let status = node.wait().await.expect("node ran");
    assert!(status.success(), "the browser part failed");
    let browser = last;
    let browser: serde_json::Value =
        serde_json::from_str(&browser).expect("the browser part prints JSON");
    println!(
        "{}",
        serde_json::json!({
            "bench": "glossary",
            "entries": entries,
            "document_bytes": bytes,
            "document_mib": (bytes as f64 / 1048576.0 * 100.0).round() / 100.0,
            "fresh_member_receive_ms": receive_ms.round(),
            "document_load_ms_native": native_load_ms.round(),
            "document_as_change_segments_native": segments,
            "one_remote_edit_native": one_edit,
            "search_ms_native": { "median": (percentile(&native, 0.5) * 1000.0).round() / 1000.0, "p95": (percentile(&native, 0.95) * 1000.0).round() / 1000.0, "keystrokes": native.len() },
            "chromium": browser,
        })
    );
}
