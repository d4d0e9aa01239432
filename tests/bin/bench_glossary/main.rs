//! `cargo xtask bench glossary`: a glossary of N generated entries (default 2,000) through the
//! real relay and in real Chromium. Prints one JSON line: the glossary document's size, the time
//! for a fresh member to receive it from the relay, search time per keystroke (in Chromium, and
//! natively for reference), and opening it on the device in Chromium: the list from the cached
//! view, and the Automerge document itself from IndexedDB.
//!
//! Usage: `kehila-bench-glossary --relay <kehila-relay> --dist <dist/> --script <glossary.mjs>
//! [--entries N]`

mod generate;
mod native;

use std::time::{Duration, Instant};

use automerge::{transaction::CommitOptions, Automerge, AutomergeError};
use generate::generate;
use kehila_app::{
    glossary::{
        history,
        model::{self},
        search::Index,
    },
    sync::{text::Splice, Note},
};
use kehila_tests::{RelayProcess, TestMember};
use native::{one_edit_figures, segment_figures};
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

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
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
