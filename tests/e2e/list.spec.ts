// The glossary list on a phone: the search and the first results (or, on an empty glossary, the
// starter glossary) on the first screen; filters, order and the jump bar behind one control that
// names the filters in force.
import { test, expect } from './fixtures';
import { startRelay } from './relay';
import type { Locator, Page } from '@playwright/test';
import * as path from 'node:path';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'artifacts', 'screenshots');

/** Fails unless `target` is wholly on the first screen, above the phone's fixed bottom bar. */
async function onFirstScreen(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  const bar = await page.locator('.main-nav').boundingBox();
  const viewport = page.viewportSize()!;
  const bottom = bar && bar.y > viewport.height / 2 ? bar.y : viewport.height;
  expect(box.y, await target.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, await target.evaluate((e) => e.outerHTML.slice(0, 80))).toBeLessThanOrEqual(bottom);
}

test('the first screen holds the search and the first results; the options open from one control', async ({ people }, info) => {
  test.setTimeout(60_000);
  // A community of this test's own, so that its glossary starts empty.
  const relay = await startRelay([]);
  try {
    const a = await people.admin({ baseURL: relay.url, invite: relay.adminInvite });
    const page = a.member.page;
    await page.goto('/glossary');
    const starter = page.getByRole('button', { name: /המילון ההתחלתי/ });
    await expect(starter).toBeVisible();
    if (info.project.name === 'phone') {
      for (const width of [390, 360]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 640 });
        if (width === 360) await page.screenshot({ path: path.join(SCREENSHOTS, 'phone360-he-glossary-empty.png') });
        await onFirstScreen(page, starter);
      }
      await page.setViewportSize({ width: 390, height: 844 });
    }
    await starter.click();
    await expect(page.locator('.entry-item')).toHaveCount(40);
    // The button went with the empty state: focus is on the search, not lost to the page.
    await expect(page.locator('#glossary-search')).toBeFocused();
    const toggle = page.locator('#list-options-toggle');
    const status = page.locator('#glossary-status');
    if (info.project.name === 'phone') {
      for (const width of [390, 360]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 640 });
        await onFirstScreen(page, page.locator('#glossary-search'));
        await onFirstScreen(page, page.locator('.entry-item').first());
      }
      // Closed, the options take no room; the control says it opens them.
      await expect(status).toBeHidden();
      await expect(page.locator('.alphabet')).toBeHidden();
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    } else {
      // Where there is room, they are always shown and the control is not needed.
      await expect(toggle).toBeHidden();
    }
    await expect(status).toBeVisible();
    await expect(page.locator('.alphabet')).toBeVisible();
    await status.selectOption('proposed');
    // The filter narrows the list (the starter's terms are approved), and the control names it
    // even once closed.
    await expect(page.locator('.result-count')).toHaveText('0 מונחים');
    if (info.project.name === 'phone') {
      await toggle.click();
      await expect(status).toBeHidden();
      await expect(toggle).toHaveText('סינון וסדר · מוצע');
      await page.setViewportSize({ width: 360, height: 640 });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'phone360-he-glossary-filtered.png') });
      await page.locator('header button.language-switch').click();
      await expect(toggle).toHaveText('Filter and order · Proposed');
      await toggle.click();
      await status.selectOption('');
      await toggle.click();
      await expect(page.locator('.entry-item')).toHaveCount(40);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'phone360-en-glossary-list.png') });
    }
    expect(a.member.consoleErrors).toEqual([]);
  } finally {
    await relay.stop();
  }
});
