// A relay of a spec's own, for what the shared one must not do: tiny quotas, a community nobody
// else writes to. The same binary and app as the shared relay, on another port (so another
// origin: its own service worker and IndexedDB), with a fresh data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface OwnRelay {
  url: string;
  adminInvite: string;
  stop(): Promise<void>;
}

export async function startRelay(flags: string[]): Promise<OwnRelay> {
  const bin = process.env.KEHILA_RELAY_BIN;
  const dist = process.env.KEHILA_DIST_DIR;
  if (!bin || !dist) throw new Error('KEHILA_RELAY_BIN/KEHILA_DIST_DIR are not set: run the e2e suite with `cargo xtask test`.');
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'kehila-e2e-'));
  // Its log is kept with the suite's output, for a failure to be read afterwards.
  const logs = path.join(__dirname, '..', '..', 'artifacts', 'e2e-output');
  fs.mkdirSync(logs, { recursive: true });
  const log = fs.openSync(path.join(logs, `own-relay-${path.basename(data)}.log`), 'w');
  const child: ChildProcess = spawn(bin, ['--host', '127.0.0.1', '--port', '0', '--data-dir', path.join(data, 'data'), '--dist-dir', dist, ...flags], {
    stdio: ['ignore', 'pipe', log],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
    fs.rmSync(data, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let seen = '';
    let url = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the relay did not start: ${seen}`));
    }, 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      url ||= /Kehila is running at (\S+)/.exec(seen)?.[1] ?? '';
      const invite = /#invite=(\S+)/.exec(seen)?.[1];
      if (url && invite) {
        clearTimeout(timer);
        resolve({ url: url.replace(/\/$/, ''), adminInvite: invite, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the relay exited (${code}): ${seen}`));
    });
  });
}
