//! The bench's surroundings: the community's documents, boards made as the app makes them, the
//! relay's CPU and memory from `/proc`, and the browser half (`board.mjs`) run beside a native
//! member who writes the remote note it waits for.

use std::{path::Path, time::Duration};

use automerge::{Automerge, AutomergeError};
use kehila_app::{
    boards::model::{self, Template},
    community::root,
    platform::catalog,
};
use kehila_tests::TestMember;
use sync_core::ids::DocumentId;
use sync_server::access::{Keys, TokenKind};

/// The community the admin invite belongs to: its root document (and catalog).
pub struct Community {
    /// The root document.
    pub root: DocumentId,
}

impl Community {
    /// Reads the community of `token` from the relay's data folder under `folder`.
    pub fn of(folder: &Path, token: &str) -> Community {
        let secret =
            std::fs::read(folder.join("data").join(sync_server::access::SECRET_FILE)).unwrap();
        let keys = Keys::from_secret(secret.try_into().unwrap());
        let grant = keys
            .verify(TokenKind::Invite, token, sync_server::access::now())
            .expect("the admin invite verifies");
        Community {
            root: keys.well_known_document(&grant.community, sync_core::documents::ROOT),
        }
    }
}

/// A member invitation of its own for one participant, minted by the admin (`admin` is the
/// admin's token), as a facilitator names invitations. Each phone in a room holds its own
/// token: one token's connections are capped.
pub async fn invite(ws_url: &str, admin: &str) -> String {
    let http = ws_url.replace("ws://", "http://").replace("/sync", "");
    let response = reqwest::Client::new()
        .post(format!("{http}/api/invites"))
        .bearer_auth(admin)
        .json(&serde_json::json!({ "role": "member", "expiresInHours": 24 }))
        .send()
        .await
        .expect("the relay answers");
    assert!(
        response.status().is_success(),
        "the admin mints an invitation"
    );
    let body: serde_json::Value = response.json().await.expect("JSON");
    body["token"].as_str().expect("a token").to_string()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Makes a three-column board titled `title` run by `facilitator` and lists it in the catalog,
/// as the app's new-board form does (`member` writes both); returns its id once the relay has
/// them.
pub async fn board(
    member: &mut TestMember,
    community: &Community,
    title: &str,
    index: u8,
    facilitator: &str,
) -> DocumentId {
    let mut bytes = [index; 16];
    bytes[..8].copy_from_slice(&(now_ms() as u64).to_le_bytes());
    let id = DocumentId::from_random_bytes(bytes);
    let me = facilitator.to_string();
    member.open(id).await;
    let new = model::NewBoard {
        title: title.into(),
        question: "מה ישפיע הכי הרבה על הקהילה? What would help the community most?".into(),
        template: Template::Columns,
        columns: vec!["מה עובד".into(), "מה חוסם".into(), "רעיונות".into()],
    };
    member
        .change(id, |doc: &mut Automerge| {
            doc.load_incremental(&model::skeleton())
                .expect("the skeleton loads");
            let _ = doc.transact::<_, _, AutomergeError>(|tx| {
                model::create(tx, &new, &me, now_ms()).expect("a titled board");
                Ok(())
            });
        })
        .await;
    member.open(community.root).await;
    member.pump_for(Duration::from_millis(300)).await;
    let key = id.to_string();
    member
        .change(community.root, |doc: &mut Automerge| {
            doc.load_incremental(&root::skeleton())
                .expect("the skeleton loads");
            let _ = doc.transact::<_, _, AutomergeError>(|tx| {
                catalog::add(tx, &key, model::KIND, title, &me, now_ms()).expect("a titled entry");
                Ok(())
            });
        })
        .await;
    member
        .pump_until(|m| m.relay_has_everything(id) && m.relay_has_everything(community.root))
        .await;
    id
}

/// CPU time (user + system) `pid` has used, in ms.
pub fn cpu_ms(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name; the
    // kernel counts them in USER_HZ, which is 100 on Linux.
    (ticks(11) + ticks(12)) * 10
}

/// Waits until `pid` is idle (its start-up work done: it compresses the app's files with brotli
/// in the background), so the CPU measured is the room's. Gives up after a minute.
pub async fn wait_idle(pid: u32) {
    let mut last = cpu_ms(pid);
    for _ in 0..120 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = cpu_ms(pid);
        if now - last <= 20 {
            return;
        }
        last = now;
    }
}

/// The most memory `pid` has held (VmHWM), in KiB.
pub fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Runs the browser half on `board`; `editor` (who has the board open) adds a note each time
/// the script prints `NOTE <n>`. Returns the script's JSON line.
pub async fn browser(
    script: &str,
    url: &str,
    token: &str,
    board: DocumentId,
    editor: &mut TestMember,
) -> serde_json::Value {
    let http = url.replace("ws://", "http://").replace("/sync", "");
    let mut node = tokio::process::Command::new("node")
        .arg(script)
        .args([&http, token, &board.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("run node");
    let stdout = node.stdout.take().expect("node's stdout");
    let mut lines = tokio::io::AsyncBufReadExt::lines(tokio::io::BufReader::new(stdout));
    let mut last = String::new();
    let me = editor.client.peer_id().to_string();
    loop {
        let line = tokio::select! {
            line = lines.next_line() => line.expect("read node's output"),
            _ = tokio::time::sleep(Duration::from_millis(100)) => {
                editor.pump_for(Duration::from_millis(5)).await;
                continue;
            }
        };
        let Some(line) = line else { break };
        if let Some(n) = line.strip_prefix("NOTE ") {
            let id = format!("remote-{}", n.trim());
            let text = format!("BENCHREMOTE {}", n.trim());
            editor
                .change(board, |doc: &mut Automerge| {
                    let _ = doc.transact::<_, _, AutomergeError>(|tx| {
                        let actor = model::phase::Actor {
                            member: &me,
                            role: sync_core::roles::Role::Member,
                        };
                        assert!(model::add_note(
                            tx,
                            actor,
                            &id,
                            &text,
                            "c1",
                            "blue",
                            now_ms()
                        ));
                        Ok(())
                    });
                })
                .await;
        } else {
            last = line;
        }
    }
    let status = node.wait().await.expect("node ran");
    assert!(status.success(), "the browser part failed");
    serde_json::from_str(&last).expect("the browser part prints JSON")
}
