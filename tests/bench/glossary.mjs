// The browser half of `cargo xtask bench glossary`: in Debian's Chromium, join, let the glossary
// arrive from the relay, reload to open it from IndexedDB, open an entry from a link on the warm
// device (until it can be edited, with every long main-thread task recorded), watch another
// member's edit arrive, and type a search. Prints one JSON line; in between, prints
// `EDIT <entry id>` and expects the bench (its parent) to make that remote edit at once.
// Figures come from the app itself (window.kehilaBench, filled by sync::bench_record) and from
// a long-task observer installed before the app starts.
import { chromium } from '@playwright/test';

const [url, token, glossaryId, entries, query] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await context.newPage();
await page.addInitScript(() => {
  window.kehilaBench = { search: [] };
  window.kehilaLongTasks = [];
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) {
      window.kehilaLongTasks.push({ start: task.startTime, duration: task.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
});
const longTasks = () => page.evaluate(() => window.kehilaLongTasks.splice(0));
const longest = (tasks) => tasks.reduce((m, t) => Math.max(m, t.duration), 0);
const countIs = (n) => page.waitForFunction((n) => {
  const el = document.querySelector('.result-count');
  return el && el.textContent.replace(/[^0-9]/g, '') === String(n);
}, Number(n), { timeout: 120_000, polling: 50 });

await page.goto(`${url}/#invite=${token}`);
await page.waitForSelector('.sync-badge');
await page.locator('#name-prompt-input').fill('Bench');
await page.locator('#name-prompt-input').press('Enter');
let started = Date.now();
await page.goto(`${url}/glossary`);
await countIs(entries);
const firstListMs = Date.now() - started;
await page.waitForSelector('.sync-badge[data-state="synced"]', { timeout: 120_000 });

// Let the cached view be written (a few seconds after the last change), then open again: the
// list comes from the device's cached view at once, the document from IndexedDB.
await page.waitForTimeout(4000);
started = Date.now();
await page.reload();
await countIs(entries);
const reloadListMs = Date.now() - started;
await page.waitForSelector('.sync-badge[data-state="synced"]', { timeout: 120_000 });
await page.waitForFunction((id) => window.kehilaBench[`ready-${id}`] !== undefined, glossaryId, { timeout: 120_000 });
const opened = await page.evaluate((id) => ({
  open: window.kehilaBench[`open-${id}`],
  ready: window.kehilaBench[`ready-${id}`],
  cache: window.kehilaBench['glossary-cache-ms'],
  parse: window.kehilaBench['glossary-cache-parse-ms'],
  apply: window.kehilaBench['glossary-cache-apply-ms'],
}), glossaryId);

// Open an entry from a link (as from WhatsApp) on the warm device: until it can be edited,
// measured from the navigation's start; every long task until the document is loaded and synced.
const entryId = await page.locator('.entry-item').first().getAttribute('data-entry');
await page.waitForTimeout(4000);
await page.goto(`${url}/glossary/${entryId}`);
const editable = await (await page.waitForFunction(() => {
  const area = document.querySelector('#entry-definition_he');
  return area && area.dataset.ready === 'true' && !area.readOnly ? performance.now() : false;
}, null, { timeout: 120_000, polling: 10 })).jsonValue();
await page.waitForSelector('.sync-badge[data-state="synced"]', { timeout: 120_000 });
await page.waitForFunction((id) => window.kehilaBench[`ready-${id}`] !== undefined, glossaryId, { timeout: 120_000 });
await page.waitForTimeout(1000);
const openTasks = await longTasks();
const entryReady = await page.evaluate((id) => ({ ready: window.kehilaBench[`ready-${id}`], hydrated: window.kehilaBench['glossary-hydrate-ms'] }), glossaryId);

// Another member edits the first entry's definition while this one looks at the list.
await page.locator('a[href="/glossary"]').first().click();
await countIs(entries);
await page.waitForTimeout(1000);
await longTasks();
const sent = Date.now();
console.log(`EDIT ${entryId}`);
await page.waitForFunction((id) => {
  const excerpt = document.querySelector(`[data-entry="${id}"] .entry-excerpt`);
  return excerpt && excerpt.textContent.includes('BENCHREMOTE');
}, entryId, { timeout: 60_000, polling: 5 });
const remoteEditMs = Date.now() - sent;
const remoteTasks = await longTasks();

// Type the query, one keystroke at a time, as a person would.
await page.evaluate(() => { window.kehilaBench.search = []; });
const box = page.locator('#glossary-search');
await box.click();
for (const ch of query) {
  await page.keyboard.type(ch);
  await page.waitForTimeout(60);
}
await page.waitForTimeout(300);
const times = (await page.evaluate(() => window.kehilaBench.search)).sort((a, b) => a - b);
const at = (p) => times.length ? times[Math.round((times.length - 1) * p)] : null;
const round = (x) => x === null || x === undefined ? null : Math.round(x * 100) / 100;
console.log(JSON.stringify({
  editable_ms: round(editable),
  document_loaded_after_navigation_ms: round(entryReady.ready),
  longest_task_ms: round(longest(openTasks)),
  long_tasks_while_opening: openTasks.map((t) => ({ at_ms: round(t.start), ms: round(t.duration) })),
  remote_edit_render_ms: remoteEditMs,
  remote_edit_longest_task_ms: round(longest(remoteTasks)),
  cached_view_open_ms: round(opened.cache),
  cached_view_parse_ms: round(opened.parse),
  cached_view_apply_ms: round(opened.apply),
  idb_document_open_ms: round(opened.open),
  glossary_ready_after_navigation_ms: round(opened.ready),
  list_shown_after_reload_ms: reloadListMs,
  list_shown_first_time_ms: firstListMs,
  search_ms: { median: round(at(0.5)), p95: round(at(0.95)), keystrokes: times.length },
}));
await browser.close();
