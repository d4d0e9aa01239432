// The browser half of `cargo xtask bench board`: in Debian's Chromium on a phone-sized screen,
// join, open a 300-note board (from the relay, then again from the device), measure the board
// page rendering its 300 notes when reached from the list, and another member's note appearing
// after its message arrives. Prints `NOTE <n>` and expects the bench (its parent) to add note
// "BENCHREMOTE <n>" at once; ends with one JSON line.
import { chromium } from '@playwright/test';

const [url, token, boardId] = process.argv.slice(2);
const NOTES = 300;
const ROUNDS = 5;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
const page = await context.newPage();
await page.addInitScript(() => {
  // When each WebSocket message reaches the page (before the app's own handler runs).
  window.kehilaMessages = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => window.kehilaMessages.push(performance.now()));
    }
  };
  window.kehilaLongTasks = [];
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) window.kehilaLongTasks.push(task.duration);
  }).observe({ type: 'longtask', buffered: true });
});
const longest = () => page.evaluate(() => Math.max(0, ...window.kehilaLongTasks.splice(0)));
const noteCount = (n) => page.waitForFunction((n) => document.querySelectorAll('.note').length >= n, n, { timeout: 120_000, polling: 50 });
const round = (x) => Math.round(x * 10) / 10;
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];

await page.goto(`${url}/#invite=${token}`);
await page.waitForSelector('.sync-badge');
await page.locator('#name-prompt-input').fill('Bench');
await page.locator('#name-prompt-input').press('Enter');

// First open: from the relay.
let started = Date.now();
await page.goto(`${url}/boards/${boardId}`);
await noteCount(NOTES);
const firstOpenMs = Date.now() - started;
await page.waitForSelector('.sync-badge[data-state="synced"]', { timeout: 120_000 });
await page.waitForTimeout(2000);

// Reopen from the device (IndexedDB).
started = Date.now();
await page.reload();
await noteCount(NOTES);
const deviceOpenMs = Date.now() - started;
await page.waitForSelector('.sync-badge[data-state="synced"]', { timeout: 120_000 });
await page.waitForTimeout(1000);

// From the list to the board, in the app: the click until the frame that shows 300 notes.
const render = [];
const renderTasks = [];
for (let i = 0; i < ROUNDS; i++) {
  await page.locator('a[href="/boards"]').first().click();
  await page.waitForSelector(`.board-card-title[href="/boards/${boardId}"]`);
  await page.waitForTimeout(500);
  await longest();
  render.push(await page.evaluate(async ({ id, n }) => {
    const link = document.querySelector(`.board-card-title[href="/boards/${id}"]`);
    const t = performance.now();
    link.click();
    return await new Promise((resolve) => {
      const check = (now) => document.querySelectorAll('.note').length >= n ? resolve(now - t) : requestAnimationFrame(check);
      requestAnimationFrame(check);
    });
  }, { id: boardId, n: NOTES }));
  renderTasks.push(await longest());
}

// Another member's note: from its message reaching the page to the frame that shows it.
const remote = [];
const remoteTasks = [];
for (let i = 0; i < ROUNDS; i++) {
  await page.waitForTimeout(500);
  await longest();
  await page.evaluate(() => { window.kehilaSince = performance.now(); });
  const waiting = page.evaluate((text) => {
    const t = window.kehilaSince;
    return new Promise((resolve) => {
      const check = (now) => {
        const found = [...document.querySelectorAll('.note .note-text')].some((p) => p.textContent.includes(text));
        if (!found) return requestAnimationFrame(check);
        const message = window.kehilaMessages.find((m) => m >= t);
        resolve({ appeared: now, message });
      };
      requestAnimationFrame(check);
    });
  }, `BENCHREMOTE ${i}`);
  console.log(`NOTE ${i}`);
  const { appeared, message } = await waiting;
  remote.push(appeared - message);
  remoteTasks.push(await longest());
}
await noteCount(NOTES + ROUNDS);

console.log(JSON.stringify({
  render_300_notes_ms: round(median(render)),
  render_300_notes_max_ms: round(Math.max(...render)),
  render_300_notes_longest_task_ms: round(Math.max(...renderTasks)),
  remote_note_after_message_ms: round(median(remote)),
  remote_note_after_message_max_ms: round(Math.max(...remote)),
  remote_note_longest_task_ms: round(Math.max(...remoteTasks)),
  first_open_from_relay_ms: firstOpenMs,
  reopen_from_device_ms: deviceOpenMs,
  rounds: ROUNDS,
}));
await browser.close();
