// An entry's history as members meet it: typing is one item, each item shows what it changed
// and restores its version, and a deep link (opened cold, reloaded, offline) shows the same
// history and names as the page reached through the app.
import { test, expect } from './fixtures';
import { token } from './community';
import { Glossary } from './glossary';
import { Shell } from './shell';
import type { Page } from '@playwright/test';
import * as path from 'node:path';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'artifacts', 'screenshots');

/** The history lines and the "last changed by" line, as the page shows them. */
async function record(page: Page) {
  await expect(page.locator('.history li').first()).toBeVisible({ timeout: 20_000 });
  return {
    history: await page.locator('.history li > span').allInnerTexts(),
    updated: await page.locator('.entry-read + .hint').innerText(),
  };
}

test('fourteen keystrokes are one history item that shows what changed, and an earlier version is restored', async ({ people, baseURL }, info) => {
  const a = await people.admin();
  const page = a.member.page;
  const glossary = new Glossary(page);
  const id = await glossary.create(token('היסטוריה-'), token('History-'), 'הגדרה ראשונה');
  await expect(glossary.history()).toHaveCount(1);
  await (await glossary.edit()).click();
  await page.keyboard.press('Control+End');
  const typed = ' ועוד 14 תווים';
  expect([...typed].length).toBe(14);
  await page.keyboard.type(typed, { delay: 60 });
  await expect(glossary.definition()).toHaveValue(`הגדרה ראשונה${typed}`);
  await expect(glossary.history()).toHaveCount(2);
  await expect(glossary.history().first()).toContainText(/הגדרה/);

  // What the typing changed: the words added, marked and named for screen readers.
  await glossary.history().first().getByRole('button', { name: /הצגת הגרסה/ }).click();
  const panel = page.locator('.history .old-version');
  await expect(panel.locator('h3')).toBeFocused();
  await expect(panel.locator('.diff ins')).toHaveText(/נוסף:\s*ועוד 14 תווים/);
  await expect(panel.locator('.diff del')).toHaveCount(0);
  await expect(panel.locator('[data-action="restore-version"]')).toHaveCount(0);
  await expect(panel).toContainText('כך בדיוק נראה הערך עכשיו');
  await new Shell(page, baseURL!).expectAccessible();
  if (info.project.name === 'phone') {
    await page.setViewportSize({ width: 360, height: 780 });
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'history-diff-phone360-he.png') });
    await page.setViewportSize({ width: 390, height: 844 });
  }

  // The first version, restored as a new change: the definition reads as it did, the history
  // keeps all three, focus lands on what was said.
  await glossary.history().last().getByRole('button', { name: /הצגת הגרסה/ }).click();
  await expect(page.locator('.history .old-version')).toHaveCount(1);
  await page.locator('[data-action="restore-version"]').click();
  await expect(glossary.definition()).toHaveValue('הגדרה ראשונה');
  await expect(page.locator('#history-restored')).toBeFocused();
  await expect(page.locator('#history-restored')).toContainText('שוחזרה');
  await expect(glossary.history()).toHaveCount(3);
  await expect(glossary.history().first()).toContainText('שחזור גרסה קודמת');
  // Restoring is a change like any other: another device gets it, and a reload keeps it.
  await glossary.open(id);
  await expect(glossary.reading()).toHaveText('הגדרה ראשונה');
  await expect(glossary.history()).toHaveCount(3);
  expect(a.member.consoleErrors).toEqual([]);
});

test('a deep link opened cold, reloaded or offline shows the history and names the app shows', async ({ people }) => {
  const a = await people.admin();
  const b = await people.invite(a.member, 'member');
  const term = token('קישור-');
  const id = await new Glossary(a.member.page).create(term, token('Link-'), 'הגדרה');
  const bGlossary = new Glossary(b.member.page);
  await bGlossary.open(id);
  await (await bGlossary.edit()).click();
  await b.member.page.keyboard.press('Control+End');
  await b.member.page.keyboard.type(' של בן');
  await b.member.expectState('synced');

  // The in-app path: the list, a search, the entry.
  const page = a.member.page;
  await page.goto('/glossary');
  await page.locator('#glossary-search').fill(term);
  await page.locator(`.entry-item[data-entry="${id}"] a`).first().click();
  await expect(new Glossary(page).reading()).toHaveText('הגדרה של בן');
  const inApp = await record(page);
  expect(inApp.history).toHaveLength(2);
  expect(inApp.history.join('\n')).toContain(b.member.name);
  expect(inApp.updated).toContain(b.member.name);

  // A member who has never opened the glossary, from the link alone (as from WhatsApp).
  const c = await people.invite(a.member, 'viewer');
  await c.member.page.goto(`/glossary/${id}`);
  await expect(c.member.page.locator('.entry-read .definition')).toHaveText('הגדרה של בן', { timeout: 20_000 });
  expect(await record(c.member.page)).toEqual(inApp);

  // The same device opening and reloading the link, online and then with no network.
  await page.goto(`/glossary/${id}`);
  expect(await record(page)).toEqual(inApp);
  await a.member.expectOfflineReady();
  await page.reload();
  expect(await record(page)).toEqual(inApp);
  await a.context.setOffline(true);
  await page.reload();
  expect(await record(page)).toEqual(inApp);
  await a.context.setOffline(false);
});
