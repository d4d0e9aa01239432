//! A structure-aware fuzzer for the relay's engine that runs on stable Rust.
//!
//! [`run`] records a corpus of real frames (honest clients joining, syncing edits, sending
//! presence: [`corpus`]), then feeds mutated copies of them ([`mutate`]: CBOR fields, Automerge
//! sync messages, Bloom filters, change chunks, ephemeral payloads, handshakes) from attacker
//! connections — members and viewers — through the same [`sync_core::hub::Hub`] the relay runs,
//! with the relay's containment (a panic is caught, counted and recovered from). Alongside, an
//! honest member keeps editing the attacked document and must be answered every time.
//!
//! It fails (in [`Report::is_clean`]) on any panic — contained or not, in the hub or in the
//! honest client — on the honest member being closed or left unacknowledged, on a frame taking
//! longer than [`MAX_FRAME_MILLIS`], and on memory growth beyond [`MAX_GROWTH_MIB`]. Every input
//! that panicked or stalled is returned (and saved by the caller under
//! `sync-core/tests/fuzz-crashers/`).

mod corpus;
mod mutate;

use std::{collections::VecDeque, panic::AssertUnwindSafe, time::Instant};

use sync_core::{
    client::{Client, ClientEffect},
    hub::{Access, ConnectionId, Culprit, Hub, HubConfig, HubEffect, HubEvent},
    ids::DocumentId,
    testing::{self, MemoryStore},
    wire::{WireMessage, PROTOCOL_VERSION},
};

pub use mutate::{leb, Rng};

/// Resident memory the fuzzer may grow by over a run. Why: every document is reset every
/// [`FRAMES_PER_WORLD`] frames, so growth beyond this is memory the hub pins for a peer.
pub const MAX_GROWTH_MIB: u64 = 512;
/// Frames before the world (hub, disk, clients) starts afresh. Why: mutated but valid changes
/// accumulate in the attacked document; a fresh world keeps the run's speed steady.
pub const FRAMES_PER_WORLD: u64 = 20_000;
/// Frames between two checks that the honest member's edits are still acknowledged.
const HONEST_EVERY: u64 = 500;
/// Longest one frame may take to handle, everything it sets off included. Why: a frame that
/// makes the engine loop (a probe count of 2³², say) stalls every peer behind it without
/// panicking; two seconds is hundreds of times an honest frame, even in a debug build.
pub const MAX_FRAME_MILLIS: u128 = 2_000;

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Frames fed.
    pub frames: u64,
    /// Frames per second over the run.
    pub frames_per_second: f64,
    /// Panics caught (in the hub or in the honest client).
    pub panics: u64,
    /// Times the honest member was closed or not acknowledged.
    pub honest_failures: u64,
    /// Frames that took longer than [`MAX_FRAME_MILLIS`] to handle.
    pub slow_frames: u64,
    /// The longest one frame took, milliseconds.
    pub slowest_frame_ms: u128,
    /// Peak resident memory growth over the run, MiB.
    pub growth_mib: u64,
    /// Peak resident memory, MiB.
    pub peak_rss_mib: u64,
    /// Frames that panicked, for the crashers folder.
    pub crashers: Vec<Vec<u8>>,
    /// What the first failures were.
    pub failures: Vec<String>,
}

impl Report {
    /// No panic, the honest member always answered, memory within the bound.
    pub fn is_clean(&self) -> bool {
        self.panics == 0
            && self.honest_failures == 0
            && self.slow_frames == 0
            && self.growth_mib <= MAX_GROWTH_MIB
    }

    /// One JSON line of figures.
    pub fn json(&self) -> String {
        format!(
            r#"{{"frames":{},"frames_per_second":{:.0},"panics":{},"honest_failures":{},"slow_frames":{},"slowest_frame_ms":{},"peak_rss_mib":{},"growth_mib":{},"crashers":{}}}"#,
            self.frames,
            self.frames_per_second,
            self.panics,
            self.honest_failures,
            self.slow_frames,
            self.slowest_frame_ms,
            self.peak_rss_mib,
            self.growth_mib,
            self.crashers.len()
        )
    }
}

/// Feeds `frames` mutated frames, seeded by `seed`.
pub fn run(frames: u64, seed: u64) -> Report {
    let corpus = corpus::record();
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    let baseline = rss_mib();
    let started = Instant::now();
    // Panics are counted, not printed frame after frame.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut world = World::new();
    for n in 0..frames {
        if n > 0 && n % FRAMES_PER_WORLD == 0 {
            world = World::new();
        }
        let frame = mutate::frame(&corpus, &mut rng);
        let fresh = rng.below(16) == 0; // sometimes the mutated frame is the handshake itself
        let attacker = world.attacker(fresh, rng.below(3) == 0);
        let fed = Instant::now();
        let panicked = world.feed(attacker, frame.clone());
        let took = fed.elapsed().as_millis();
        report.slowest_frame_ms = report.slowest_frame_ms.max(took);
        let slow = took > MAX_FRAME_MILLIS;
        if slow {
            report.slow_frames += 1;
        }
        if panicked {
            report.panics += 1;
        }
        if (panicked || slow) && report.crashers.len() < 16 {
            report.crashers.push(frame);
        }
        if n % HONEST_EVERY == 0 {
            if let Err(failure) = world.honest_edit(n) {
                report.honest_failures += 1;
                if report.failures.len() < 8 {
                    report.failures.push(failure);
                }
                world = World::new();
            }
            let rss = rss_mib();
            report.peak_rss_mib = report.peak_rss_mib.max(rss);
            report.growth_mib = report.growth_mib.max(rss.saturating_sub(baseline));
        }
    }
    std::panic::set_hook(quiet);
    report.frames = frames;
    report.frames_per_second = frames as f64 / started.elapsed().as_secs_f64().max(1e-9);
    report
}

/// The attacked document (the honest member's) and the community everyone is in.
fn document() -> DocumentId {
    DocumentId::from_random_bytes([0x5a; 16])
}

const HONEST: ConnectionId = 1;

/// A hub with an in-memory disk, one honest member and attacker connections.
struct World {
    hub: Hub,
    disk: MemoryStore,
    honest: Client,
    honest_closed: bool,
    attacker: Option<ConnectionId>,
    next: ConnectionId,
}

impl World {
    fn new() -> World {
        let mut world = World {
            hub: Hub::new(HubConfig {
                max_documents_per_connection: 64,
                max_idle_documents: 16,
                ..testing::hub_config()
            }),
            disk: MemoryStore::new(),
            honest: Client::new("honest".into(), "honest-session".into()),
            honest_closed: false,
            attacker: None,
            next: HONEST + 1,
        };
        world.connect(HONEST, "honest", true);
        let join = sends(world.honest.connected());
        for frame in join {
            world.feed(HONEST, frame);
        }
        let open = sends(world.honest.open(document(), &[]).unwrap_or_default());
        for frame in open {
            world.feed(HONEST, frame);
        }
        world
    }

    fn connect(&mut self, connection: ConnectionId, holder: &str, can_write: bool) {
        self.hub.handle(HubEvent::Connected {
            connection,
            access: Access {
                scope: "community".into(),
                can_write,
                holder: holder.into(),
            },
        });
    }

    /// The attacker connection to use: a fresh one (not yet joined, when `unjoined`) if asked
    /// or if the last one was closed; a viewer when `viewer`.
    fn attacker(&mut self, unjoined: bool, viewer: bool) -> ConnectionId {
        if let (Some(id), false) = (self.attacker, unjoined) {
            return id;
        }
        let id = self.next;
        self.next += 1;
        self.connect(id, &format!("attacker-{id}"), !viewer);
        if !unjoined {
            let join = WireMessage::Join {
                sender_id: format!("attacker-{id}").into(),
                supported_protocol_versions: vec![PROTOCOL_VERSION.to_string()],
                metadata: None,
            }
            .encode();
            self.feed(id, join);
        }
        self.attacker = Some(id);
        id
    }

    /// Feeds one frame from `connection` and everything that follows, as the relay's hub thread
    /// does (each event guarded). True when something panicked.
    fn feed(&mut self, connection: ConnectionId, bytes: Vec<u8>) -> bool {
        let mut panicked = false;
        let mut events = VecDeque::from([HubEvent::Frame { connection, bytes }]);
        while let Some(event) = events.pop_front() {
            let culprit = Culprit::of(&event);
            let effects =
                match std::panic::catch_unwind(AssertUnwindSafe(|| self.hub.handle(event))) {
                    Ok(effects) => effects,
                    Err(_) => {
                        panicked = true;
                        self.hub.recover(culprit)
                    }
                };
            for effect in effects {
                match effect {
                    storage @ (HubEffect::Store { .. } | HubEffect::Load { .. }) => {
                        if let Ok(Some(loaded)) = self.disk.perform(storage) {
                            events.push_back(loaded);
                        }
                    }
                    HubEffect::Close { connection, .. } => {
                        if connection == HONEST {
                            self.honest_closed = true;
                        } else if Some(connection) == self.attacker {
                            self.attacker = None;
                        }
                        events.push_back(HubEvent::Disconnected { connection });
                    }
                    HubEffect::Send { connection, bytes } if connection == HONEST => {
                        let replies = std::panic::catch_unwind(AssertUnwindSafe(|| {
                            sends(self.honest.receive(&bytes))
                        }));
                        match replies {
                            Ok(replies) => {
                                events.extend(replies.into_iter().map(|bytes| HubEvent::Frame {
                                    connection: HONEST,
                                    bytes,
                                }))
                            }
                            Err(_) => panicked = true,
                        }
                    }
                    HubEffect::Send { .. } => {} // attackers do not read
                }
            }
        }
        panicked
    }

    /// The honest member edits the attacked document; the relay must store and acknowledge it.
    fn honest_edit(&mut self, n: u64) -> Result<(), String> {
        use automerge::transaction::Transactable;
        if self.honest_closed {
            return Err("the honest member was closed".into());
        }
        let frames = sends(self.honest.change(document(), |doc| {
            let mut tx = doc.transaction();
            let _ = tx.put(automerge::ROOT, format!("honest-{n}"), n as i64);
            tx.commit();
        }));
        for frame in frames {
            self.feed(HONEST, frame);
        }
        if self.honest_closed {
            return Err(format!("the honest member was closed after edit {n}"));
        }
        if self.honest.pending(&document()) != 0 {
            return Err(format!("the honest member's edit {n} was not acknowledged"));
        }
        Ok(())
    }
}

fn sends(effects: Vec<ClientEffect>) -> Vec<Vec<u8>> {
    effects
        .into_iter()
        .filter_map(|effect| match effect {
            ClientEffect::Send(bytes) => Some(bytes),
            _ => None,
        })
        .collect()
}

/// This process's resident memory, MiB (0 where /proc is not available).
fn rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / (1024 * 1024))
}
