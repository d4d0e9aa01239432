//! `cargo xtask bench relay`: N native members on D documents make E edits each through a real
//! relay process; prints one JSON line with throughput, propagation latency, time to converge
//! and the relay's peak RSS, after verifying every replica is identical.
//!
//! Usage: `kehila-bench relay --relay <path to kehila-relay> [--clients N] [--docs D] [--edits E]`

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use automerge::{transaction::Transactable, ReadDoc, ROOT};
use kehila_tests::{RelayProcess, TestMember};
use sync_core::ids::DocumentId;

struct Options {
    relay: String,
    clients: usize,
    docs: usize,
    edits: usize,
}

fn parse_args() -> Options {
    let mut options = Options {
        relay: String::new(),
        clients: 10,
        docs: 1,
        edits: 200,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "relay" => {
                i += 1;
                continue;
            }
            "--relay" => options.relay = value,
            "--clients" => options.clients = value.parse().expect("--clients N"),
            "--docs" => options.docs = value.parse().expect("--docs D"),
            "--edits" => options.edits = value.parse().expect("--edits E"),
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    assert!(
        !options.relay.is_empty(),
        "--relay <path to kehila-relay> is required"
    );
    assert!(options.clients >= 1 && options.docs >= 1 && options.docs <= options.clients);
    options
}

/// When each edit was made: (client, sequence) → instant.
type SendTimes = Arc<Mutex<HashMap<(usize, u64), Instant>>>;

#[tokio::main]
async fn main() {
    let options = parse_args();
    let folder = tempfile::tempdir().unwrap();
    let dist = folder.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>bench</title>",
    )
    .unwrap();
    let relay = RelayProcess::start(&options.relay, folder.path());
    let url = relay.url.clone();
    let token = relay
        .first_admin_invite
        .clone()
        .expect("a fresh relay prints its admin invite");

    let documents: Vec<DocumentId> = (0..options.docs)
        .map(|d| DocumentId::from_random_bytes([d as u8 + 1; 16]))
        .collect();
    // Each document's first member creates it so everyone starts from one shared root.
    for document in &documents {
        let mut creator = TestMember::connect(&url, &token, "creator").await;
        creator.open(*document).await;
        creator
            .change(*document, |d| {
                let mut tx = d.transaction();
                tx.put(ROOT, "created", true).unwrap();
                tx.commit();
            })
            .await;
        creator
            .pump_until(|m| m.relay_has_everything(*document))
            .await;
    }

    let send_times: SendTimes = Arc::new(Mutex::new(HashMap::new()));
    let latencies = Arc::new(Mutex::new(Vec::<f64>::new()));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..options.clients {
        let document = documents[client % options.docs];
        let peers: Vec<usize> = (0..options.clients)
            .filter(|c| c % options.docs == client % options.docs)
            .collect();
        let (url, token, send_times, latencies, edits) = (
            url.clone(),
            token.clone(),
            send_times.clone(),
            latencies.clone(),
            options.edits as u64,
        );
        tasks.push(tokio::spawn(async move {
            let mut member = TestMember::connect(&url, &token, &format!("bench-{client}")).await;
            member.open(document).await;
            member
                .pump_until(|m| {
                    m.doc(document)
                        .get(ROOT, "created")
                        .ok()
                        .flatten()
                        .is_some()
                })
                .await;
            let mut seen: HashMap<usize, u64> = HashMap::new();
            let mut record = |member: &mut TestMember| {
                if member.remote_changes.drain(..).count() == 0 {
                    return;
                }
                let now = Instant::now();
                let doc = member.doc(document);
                for &peer in &peers {
                    let value = doc
                        .get(ROOT, format!("c{peer}"))
                        .ok()
                        .flatten()
                        .and_then(|(v, _)| v.as_u64())
                        .unwrap_or(0);
                    let last = seen.entry(peer).or_insert(0);
                    if peer != client && value > *last {
                        let times = send_times.lock().unwrap();
                        let mut l = latencies.lock().unwrap();
                        for seq in *last + 1..=value {
                            if let Some(sent) = times.get(&(peer, seq)) {
                                l.push(now.duration_since(*sent).as_secs_f64() * 1000.0);
                            }
                        }
                    }
                    *last = (*last).max(value);
                }
            };
            for seq in 1..=edits {
                send_times
                    .lock()
                    .unwrap()
                    .insert((client, seq), Instant::now());
                member
                    .change(document, |d| {
                        let mut tx = d.transaction();
                        tx.put(ROOT, format!("c{client}"), seq).unwrap();
                        tx.commit();
                    })
                    .await;
                member.pump_for(Duration::ZERO).await;
                record(&mut member);
            }
            // Converged when this member has every peer's last edit.
            loop {
                let done = peers.iter().all(|p| {
                    member
                        .doc(document)
                        .get(ROOT, format!("c{p}"))
                        .ok()
                        .flatten()
                        .and_then(|(v, _)| v.as_u64())
                        == Some(edits)
                });
                if done {
                    break;
                }
                member.pump_for(Duration::from_millis(1)).await;
                record(&mut member);
            }
            (document, member.doc(document).get_heads(), start.elapsed())
        }));
    }
    let mut heads: HashMap<DocumentId, Vec<automerge::ChangeHash>> = HashMap::new();
    let mut converged = Duration::ZERO;
    let mut identical = true;
    for task in tasks {
        let (document, mut h, elapsed) = task.await.expect("client task");
        h.sort();
        converged = converged.max(elapsed);
        if let Some(previous) = heads.insert(document, h.clone()) {
            identical &= previous == h;
        }
    }
    // A fresh member loads each document from the relay: it must equal the members' copies.
    for (document, expected) in &heads {
        let mut fresh = TestMember::connect(&url, &token, "verifier").await;
        fresh.open(*document).await;
        fresh
            .pump_until(|m| {
                let mut h = m.doc(*document).get_heads();
                h.sort();
                h == *expected
            })
            .await;
    }
    let peak_rss_kib = std::fs::read_to_string(format!("/proc/{}/status", relay.pid()))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
        })
        .unwrap_or(0);
    relay.kill();

    let mut l = latencies.lock().unwrap().clone();
    l.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| -> f64 {
        if l.is_empty() {
            return 0.0;
        }
        let index = ((p / 100.0) * (l.len() - 1) as f64).round() as usize;
        (l[index] * 100.0).round() / 100.0
    };
    let total_edits = options.clients * options.edits;
    println!(
        "{{\"bench\":\"relay\",\"clients\":{},\"docs\":{},\"edits_per_client\":{},\"total_edits\":{},\"edits_per_sec_converged\":{:.0},\"latency_ms\":{{\"p50\":{},\"p95\":{},\"p99\":{},\"samples\":{}}},\"time_to_converge_ms\":{},\"relay_peak_rss_mib\":{:.1},\"replicas_identical\":{}}}",
        options.clients,
        options.docs,
        options.edits,
        total_edits,
        total_edits as f64 / converged.as_secs_f64(),
        pct(50.0),
        pct(95.0),
        pct(99.0),
        l.len(),
        converged.as_millis(),
        peak_rss_kib as f64 / 1024.0,
        identical
    );
    assert!(identical, "replicas differ");
}
