// Two members in two browser contexts (two devices), through the real relay: joining from an
// invite link, presence, live edits, offline edits that merge, reload offline, two tabs, roles.
import { test, expect, type People } from './fixtures';
import { ADMIN_INVITE, Member, expectConverged, inviteId, token } from './community';
import { Glossary } from './glossary';
import { Shell } from './shell';
import { startRelay } from './relay';
import * as path from 'node:path';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'artifacts', 'screenshots');

/** A fresh admin device and a fresh member device joined from the admin's invitation. */
async function twoMembers(people: People, baseURL: string) {
  const contextA = await people.device();
  const contextB = await people.device();
  const nameA = token('דנה-');
  const nameB = token('Ben-');
  const a = await Member.join(contextA, baseURL, `/#invite=${ADMIN_INVITE}`, nameA);
  const link = await a.createInvite('member');
  const b = await Member.join(contextB, baseURL, link, nameB);
  return { contextA, contextB, a, b, nameA, nameB };
}

test('B joins from A\'s invite link, both see each other online, and a change reaches the other within a second', async ({ people, baseURL }, info) => {
  // B's departure is seen at once when its goodbye gets out, else after the presence timeout (30 s).
  test.setTimeout(90_000);
  const { contextA, contextB, a, b, nameA, nameB } = await twoMembers(people, baseURL!);
  await a.expectOnline(nameB);
  await b.expectOnline(nameA);
  await expect(a.member(nameB)).toContainText('קהילה'); // "on Community": where B is looking
  await a.expectState('synced');
  await b.expectState('synced');

  const fromA = token('A');
  await a.typeInAbout(fromA, 'start');
  await expect(b.about()).toHaveValue(new RegExp(fromA), { timeout: 1_000 });
  const fromB = token('B');
  await b.typeInAbout(fromB, 'end');
  await expect(a.about()).toHaveValue(new RegExp(fromB), { timeout: 1_000 });

  const title = token('כלי מיפוי ');
  await b.addToCatalog(title);
  await expect(a.catalogEntry(title)).toBeVisible({ timeout: 1_000 });

  // B leaves: A sees them go — at once if the closing tab's goodbye got out, at the latest when
  // three heartbeats are missed (TIMEOUT_MS, checked on A's next heartbeat).
  await b.page.goto('about:blank');
  await expect(a.member(nameB)).toHaveAttribute('data-online', 'false', { timeout: 45_000 });
  await a.page.screenshot({ path: path.join(SCREENSHOTS, `community-${info.project.name}-he.png`), fullPage: true });
  expect(a.consoleErrors).toEqual([]);
  expect(b.consoleErrors).toEqual([]);
  expect([...a.foreignRequests, ...b.foreignRequests]).toEqual([]);
});

test('B edits offline while A edits the same field; B reloads offline and keeps its data; both converge with nothing lost', async ({ people, baseURL }, info) => {
  const { contextA, contextB, a, b } = await twoMembers(people, baseURL!);
  await b.expectOfflineReady();
  await b.expectState('synced');

  await contextB.setOffline(true);
  await b.expectState('offline');
  const fromB = token('offlineB');
  const fromA = token('onlineA');
  await b.typeInAbout(fromB, 'end');
  await a.typeInAbout(fromA, 'start');
  const entry = token('ניתוח כישלון ');
  await b.addToCatalog(entry);
  await b.expectState('saved');
  await expect(b.badge()).toContainText('לא מחובר — השינויים שמורים במכשיר');

  // A reload with no network: the app opens from the service worker, the data from IndexedDB.
  await b.page.reload();
  await expect(b.about()).toHaveAttribute('data-ready', 'true');
  await expect(b.about()).toHaveValue(new RegExp(fromB));
  await expect(b.catalogEntry(entry)).toBeVisible();
  await expect(b.about()).not.toHaveValue(new RegExp(fromA));
  await b.expectState('saved');

  await contextB.setOffline(false);
  await expect(b.about()).toHaveValue(new RegExp(fromA));
  await expect(a.about()).toHaveValue(new RegExp(fromB));
  await expect(a.catalogEntry(entry)).toBeVisible();
  await expectConverged(a, b);
  await b.expectState('synced');
  expect(a.consoleErrors).toEqual([]);
  // Offline, the browser itself reports the requests that could not leave; nothing else.
  expect(b.consoleErrors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('a session remembered by the previous version (no glossary yet) opens offline, then gains the glossary online', async ({ people }) => {
  const a = await people.admin();
  const term = token('אחרי-שדרוג-');
  const glossary = new Glossary(a.member.page);
  const id = await glossary.create(term, token('Upgrade-'), 'נוצר לפני השדרוג');
  await a.member.expectOfflineReady();
  await a.member.expectState('synced');
  // What the previous version stored: the relay then named only the community's root document.
  await a.member.page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('kehila.session')!);
    delete session.documents.glossary;
    localStorage.setItem('kehila.session', JSON.stringify(session));
  });

  // Offline: the app opens from that session; the community is there, the glossary waits.
  await a.context.setOffline(true);
  await a.member.page.reload();
  await expect(a.member.page.locator('main h1')).toBeVisible();
  await a.member.page.locator('a[href="/community"]').first().click();
  await expect(a.member.about()).toHaveAttribute('data-ready', 'true');
  // (It may show the list's cached view; the document itself is not known to this session.)
  await a.member.page.locator('a[href="/glossary"]').first().click();
  await expect(a.member.page.locator('main h1')).toHaveText('מילון מונחים');

  // Online: the next start asks the relay again, remembers the glossary, and it opens.
  await a.context.setOffline(false);
  await a.member.page.reload();
  await glossary.open(id);
  await expect(a.member.page.locator('main h1')).toHaveText(term);
  const remembered = await a.member.page.evaluate(() => JSON.parse(localStorage.getItem('kehila.session')!).documents);
  expect(Object.keys(remembered).sort()).toEqual(['glossary', 'root']);
  expect(a.member.consoleErrors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('two tabs of one member converge at once, even with no network', async ({ people, baseURL }, info) => {
  const context = await people.device();
  const first = await Member.join(context, baseURL!, `/#invite=${ADMIN_INVITE}`, token('Tab-'));
  const second = await Member.tab(context, baseURL!);
  const online = token('tabs');
  await first.typeInAbout(online, 'end');
  await expect(second.about()).toHaveValue(new RegExp(online), { timeout: 1_000 });
  await first.expectState('synced');

  await context.setOffline(true);
  await first.expectState('offline');
  const offline = token('tabsOffline');
  await second.typeInAbout(offline, 'start');
  // No relay in between: the tabs' channel carries it.
  await expect(first.about()).toHaveValue(new RegExp(offline), { timeout: 1_000 });
  await context.setOffline(false);
  await expectConverged(first, second);
  await first.expectState('synced');
});

test('a viewer reads the community but cannot change it', async ({ people }) => {
  // A relay of its own: the marker is matched whole, and another spec typing at the end of the
  // shared description at the same moment may merge its letters into it (as it should).
  const relay = await startRelay([]);
  try {
    const baseURL = relay.url;
    const contextA = await people.device({ baseURL });
    const contextV = await people.device({ baseURL });
    const a = await Member.join(contextA, baseURL, `/#invite=${relay.adminInvite}`, token('Admin-'));
    const marker = token('forViewers');
    await a.typeInAbout(marker, 'end');
    const link = await a.createInvite('viewer');
    const viewer = await Member.join(contextV, baseURL, link, token('Viewer-'));
    await expect(viewer.about()).toHaveValue(new RegExp(marker));
    await expect(viewer.about()).toHaveAttribute('readonly', '');
    await expect(viewer.page.locator('#about-read-only')).toBeVisible();
    await expect(viewer.page.locator('.catalog-form')).toHaveCount(0);
    await expect(viewer.page.locator('#invites-heading')).toHaveCount(0);
    const attempt = token('viewerTyped');
    await viewer.about().click();
    await viewer.page.keyboard.type(attempt);
    await expect(viewer.about()).not.toHaveValue(new RegExp(attempt));
    // Nothing reached the relay either: a member never sees it.
    await a.typeInAbout(token('after'), 'end');
    await expect(a.about()).not.toHaveValue(new RegExp(attempt));
    await viewer.expectState('synced');
    expect(viewer.consoleErrors).toEqual([]);
  } finally {
    await relay.stop();
  }
});

test('an admin revokes an invitation and the member it let in is shown the way back', async ({ people, baseURL }, info) => {
  const contextA = await people.device();
  const contextC = await people.device();
  const a = await Member.join(contextA, baseURL!, `/#invite=${ADMIN_INVITE}`, token('Admin-'));
  const link = await a.createInvite('member');
  const c = await Member.join(contextC, baseURL!, link, token('Leaving-'));
  const row = a.page.locator(`.invite[data-invite="${inviteId(link)}"]`);
  await row.locator('[data-action="revoke"]').click();
  await a.page.locator('#revoke-yes').click();
  await expect(row).toHaveAttribute('data-revoked', 'true');

  await c.page.reload();
  await expect(c.page.locator('.notice-error')).toContainText('הגישה שלך לקהילה הסתיימה');
  await expect(c.page.locator('#join-needed-title')).toBeVisible();
  // The revoked link does not let anyone else in either.
  const contextD = await people.device();
  const d = await contextD.newPage();
  await d.goto(link);
  await expect(d.locator('.notice-error')).toContainText('קישור ההזמנה הזה כבר לא בתוקף');
});

for (const lang of ['he', 'en'] as const) {
  test(`the joined community page is accessible in ${lang}`, async ({ people, baseURL }, info) => {
    const context = await people.device();
    const page = await context.newPage();
    const shell = new Shell(page, baseURL!);
    await shell.rememberLanguage(lang);
    const member = new Member(page, baseURL!);
    await page.goto(`/#invite=${ADMIN_INVITE}`);
    await expect(member.badge()).toBeVisible();
    await page.locator('#name-prompt-input').fill(lang === 'he' ? 'נועה' : 'Noa');
    await page.locator('#name-prompt-input').press('Enter');
    await member.openCommunity();
    await member.createInvite('viewer');
    await member.expectState('synced');
    await shell.expectAccessible();
    await page.screenshot({ path: path.join(SCREENSHOTS, `community-joined-${info.project.name}-${lang}.png`), fullPage: true });
    expect(member.consoleErrors).toEqual([]);
  });
}

test('the sync badge stays calm while typing online, and says offline and saved after an offline edit', async ({ people }, info) => {
  const a = await people.admin();
  const page = a.member.page;
  await a.member.expectState('synced');
  // Every text the badge shows from here on, as it changes.
  await page.evaluate(() => {
    const w = window as unknown as { badgeTexts: string[] };
    w.badgeTexts = [];
    const read = () => {
      const badge = document.querySelector('header .sync-badge');
      return `${badge?.getAttribute('data-state')}:${badge?.textContent}`;
    };
    let last = read();
    new MutationObserver(() => {
      const now = read();
      if (now !== last) w.badgeTexts.push((last = now));
    }).observe(document.querySelector('header')!, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await a.member.typeInAbout(token('calm').repeat(3), 'end');
  await page.waitForTimeout(1_500);
  const online = await page.evaluate(() => (window as unknown as { badgeTexts: string[] }).badgeTexts);
  // Eighteen keystrokes, one round trip each: at most one change (to syncing and back would be two).
  expect(online.length, online.join(' | ')).toBeLessThanOrEqual(1);
  await a.member.expectState('synced');
  await expect(a.member.badge()).not.toHaveText(/\d/);

  await a.context.setOffline(true);
  await a.member.expectState('offline');
  await a.member.typeInAbout(' offline', 'end');
  await a.member.expectState('saved');
  await expect(a.member.badge()).toHaveText('לא מחובר — השינויים שמורים במכשיר');
  // The longest state still fits the narrowest phone: it wraps in the header, the page does not
  // grow sideways.
  if (info.project.name === 'phone') {
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'badge-offline-saved-phone360-he.png') });
  }
  await a.context.setOffline(false);
  await a.member.expectState('synced');
});
