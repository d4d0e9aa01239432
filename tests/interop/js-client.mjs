// Interop peer: the JS automerge-repo (2.5.6, what real web apps use) syncing through Kehila's relay.
// Run by the Rust test `interop::js_automerge_repo_and_kehila_see_each_others_edits`.
//
//   node tests/interop/js-client.mjs ws://127.0.0.1:PORT/sync TOKEN
//
// Like any non-browser client it presents its invite token as `Authorization: Bearer`; the
// 2.5.6 adapter cannot set headers, so a small subclass opens the socket with `ws` itself.
//
// Creates a document with {js: "hello from js"}, prints its automerge: URL on stdout, then waits
// until the document holds {kehila: "hello from kehila"} (written by a Kehila client), prints
// "saw kehila" and exits 0. Exits 1 after 50 s without it (the Rust test's own deadlines, 30 s for
// each step, say which step was late; this one only makes sure node never lingers).
import { Repo } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import WebSocket from "ws";

class BearerClientAdapter extends WebSocketClientAdapter {
  constructor(url, token) {
    super(url, 0); // no automatic retries: a refusal must fail the test, not loop
    this.token = token;
    // The base handler rethrows socket errors, which would crash node with an unreadable trace.
    this.onError = (event) => console.error("websocket error:", event.error?.message ?? event.message);
  }

  connect(peerId, peerMetadata) {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata ?? {};
    this.socket = new WebSocket(this.url, { headers: { Authorization: `Bearer ${this.token}` } });
    this.socket.binaryType = "arraybuffer";
    this.socket.addEventListener("open", this.onOpen);
    this.socket.addEventListener("close", this.onClose);
    this.socket.addEventListener("message", this.onMessage);
    this.socket.addEventListener("error", this.onError);
  }
}

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error("usage: js-client.mjs <ws-url> <token>");
  process.exit(2);
}
const timeout = setTimeout(() => {
  console.error("timed out waiting for Kehila's edit");
  process.exit(1);
}, 50_000);

const adapter = new BearerClientAdapter(url, token);
const repo = new Repo({ network: [adapter] });
await adapter.whenReady();
if (!adapter.remotePeerId) {
  console.error("the relay did not answer the handshake");
  process.exit(1);
}
const handle = repo.create();
handle.change((doc) => {
  doc.js = "hello from js";
});
console.log(handle.url);

const check = () => {
  // String(): automerge-js returns text as a string and a scalar as an ImmutableString.
  if (String(handle.doc()?.kehila ?? "") === "hello from kehila") {
    console.log("saw kehila");
    clearTimeout(timeout);
    repo.shutdown().finally(() => process.exit(0));
    return true;
  }
  return false;
};
if (!check()) handle.on("change", check);
