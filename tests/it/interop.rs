//! Interop: real automerge-repo implementations sync with Kehila's relay and with Kehila's own
//! client engine. samod (the Rust automerge-repo) runs here; the JS automerge-repo client runs
//! under node in `interop_js` (see `tests/interop/js-client.mjs`).

use std::{sync::Arc, time::Duration};

use automerge::{transaction::Transactable, Automerge, ObjType, ReadDoc, ROOT};
use futures::{future::BoxFuture, SinkExt, StreamExt};
use kehila_tests::{text_at, TestMember, TestRelay};
use samod::{BackoffConfig, DialError, Dialer, Repo, Transport, Url};
use sync_core::ids::DocumentId;
use tokio_tungstenite::tungstenite::{self, Message};

/// A samod dialer over tokio-tungstenite (samod's own needs native TLS, which we do not use).
struct RelayDialer {
    url: Url,
    token: String,
}

impl Dialer for RelayDialer {
    type Error = tungstenite::Error;

    fn url(&self) -> Url {
        self.url.clone()
    }

    fn connect(&self) -> BoxFuture<'static, Result<Transport, DialError<Self::Error>>> {
        let (url, token) = (self.url.clone(), self.token.clone());
        Box::pin(async move {
            let socket = kehila_tests::connect_sync(url.as_str(), Some(&token))
                .await
                .map_err(DialError::transient)?;
            let (sink, stream) = socket.split();
            let stream = stream.filter_map(|message| async move {
                match message {
                    Ok(Message::Binary(bytes)) => Some(Ok(bytes.to_vec())),
                    Ok(_) => None,
                    Err(error) => Some(Err(error)),
                }
            });
            let sink = sink.with(|bytes: Vec<u8>| async move {
                Ok::<_, tungstenite::Error>(Message::binary(bytes))
            });
            Ok(Transport::new(Box::pin(stream), Box::pin(sink)))
        })
    }
}

#[tokio::test]
async fn samod_and_kehila_see_each_others_edits_through_the_relay() {
    let relay = TestRelay::start().await;
    let repo = Repo::build_tokio().load().await;
    let dialer = repo
        .dial(
            BackoffConfig::default(),
            Arc::new(RelayDialer {
                url: Url::parse(&relay.ws_url("/sync")).unwrap(),
                token: relay.admin_token.clone(),
            }),
        )
        .unwrap();
    dialer
        .established()
        .await
        .expect("samod completes the handshake with the relay");
    let connection = dialer.connection_id().expect("connected");

    let mut initial = Automerge::new();
    {
        let mut tx = initial.transaction();
        let t = tx.put_object(ROOT, "text", ObjType::Text).unwrap();
        tx.splice_text(&t, 0, 0, "from samod").unwrap();
        tx.commit();
    }
    let handle = repo.create(initial).await.unwrap();
    tokio::time::timeout(
        Duration::from_secs(20),
        handle.they_have_our_changes(connection),
    )
    .await
    .expect("the relay acknowledges samod's document");

    let document: DocumentId = handle
        .document_id()
        .to_string()
        .parse()
        .expect("samod ids are ours");
    let mut kehila =
        TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "kehila").await;
    kehila.open(document).await;
    kehila
        .pump_until(|m| text_at(m.doc(document), "text") == "from samod")
        .await;

    kehila
        .change(document, |d| {
            let (_, t) = d.get(ROOT, "text").unwrap().unwrap();
            let len = d.length(&t);
            let mut tx = d.transaction();
            tx.splice_text(&t, len, 0, " + kehila").unwrap();
            tx.commit();
        })
        .await;
    kehila
        .pump_until(|m| m.relay_has_everything(document))
        .await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        if handle.with_document(|d| text_at(d, "text")) == "from samod + kehila" {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "samod never saw Kehila's edit"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    repo.stop().await;
    relay.stop().await;
}

#[tokio::test]
async fn js_automerge_repo_and_kehila_see_each_others_edits() {
    use std::process::Stdio;
    use tokio::io::{AsyncBufReadExt, BufReader};

    let relay = TestRelay::start().await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut node = tokio::process::Command::new("node")
        .arg(root.join("tests/interop/js-client.mjs"))
        .arg(relay.ws_url("/sync"))
        .arg(&relay.admin_token)
        .current_dir(&root)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs (cargo xtask test installs the npm packages it needs)");
    let mut lines = BufReader::new(node.stdout.take().unwrap()).lines();
    let url = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("the JS client prints its document URL")
        .unwrap()
        .expect("a line");
    let document = DocumentId::from_url(url.trim()).expect("automerge-repo URLs parse");

    let mut kehila =
        TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "kehila").await;
    kehila.open(document).await;
    kehila
        .pump_until(|m| text_at(m.doc(document), "js") == "hello from js")
        .await;
    kehila
        .change(document, |d| {
            // A collaborative text, which automerge-js 3 reads as a plain string.
            let mut tx = d.transaction();
            let t = tx.put_object(ROOT, "kehila", ObjType::Text).unwrap();
            tx.splice_text(&t, 0, 0, "hello from kehila").unwrap();
            tx.commit();
        })
        .await;
    // Kehila keeps reading its socket meanwhile, as a real client does: a sync round that needs
    // its answer must not wait on a test that stopped listening.
    let saw = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            if let Ok(line) =
                tokio::time::timeout(Duration::from_millis(50), lines.next_line()).await
            {
                break line;
            }
            assert!(
                kehila.pump_for(Duration::from_millis(50)).await,
                "the relay closed Kehila's connection"
            );
        }
    })
    .await
    .expect("the JS client sees Kehila's edit in time")
    .unwrap();
    assert_eq!(saw.as_deref(), Some("saw kehila"));
    let status = tokio::time::timeout(Duration::from_secs(10), node.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success());
    relay.stop().await;
}
