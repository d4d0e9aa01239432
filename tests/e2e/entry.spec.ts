// An entry's page reads first: the definition once, no form; a tap on its text edits it there,
// with the caret on the character tapped (through a [[reference]] before it, whose brackets the
// reading does not show); the edit button does the same from the keyboard; text areas grow.
import { test, expect } from './fixtures';
import { token } from './community';
import { Glossary } from './glossary';
import { Shell } from './shell';
import type { Page } from '@playwright/test';
import * as path from 'node:path';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'artifacts', 'screenshots');

/** The viewport point at the middle of the character after the first `word` shown in `field`. */
async function pointInside(page: Page, field: string, word: string) {
  return page.evaluate(([field, word]) => {
    const read = document.querySelector(`.entry-read [data-field="${field}"]`)!;
    const walker = document.createTreeWalker(read, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(word);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 1);
      range.setEnd(node, at + 2);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    throw new Error(`${word} is not shown`);
  }, [field, word]);
}

test('an entry opens to read; a tap edits the field there, the caret where it was tapped', async ({ people, baseURL }, info) => {
  const a = await people.admin();
  const page = a.member.page;
  const glossary = new Glossary(page);
  const marker = token('סמן');
  const definition = `ראו [[Agile]] ואז ${marker} ועוד מילים אחריו.`;
  const id = await glossary.create(token('קריאה-'), token('Reading-'), definition);
  await glossary.open(id);

  // Reading: the definition once, and no field to type in.
  await expect(glossary.reading()).toContainText(marker);
  await expect(page.getByText(marker)).toHaveCount(1);
  await expect(page.locator('main textarea, main input[type="text"]')).toHaveCount(0);
  const toggle = page.locator('#entry-edit-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  if (info.project.name === 'phone') {
    for (const lang of ['he', 'en']) {
      await page.setViewportSize({ width: 360, height: 780 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `entry-read-phone360-${lang}.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('header button.language-switch').click();
    }
  }
  await new Shell(page, baseURL!).expectAccessible();

  // A tap in the middle of the marker: the form opens in the reading's place, focus in the
  // definition, the caret on that character of the source (the brackets before it counted).
  const point = await pointInside(page, 'definition_he', marker);
  if (info.project.name === 'phone') await page.touchscreen.tap(point.x, point.y);
  else await page.mouse.click(point.x, point.y);
  const area = glossary.definition();
  await expect(area).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('.entry-read')).toHaveCount(0);
  const tapped = definition.indexOf(marker) + 1;
  const caret = await area.evaluate((e: HTMLTextAreaElement) => e.selectionStart);
  expect(Math.abs(caret - tapped), `caret ${caret}, tapped ${tapped}`).toBeLessThanOrEqual(1);
  await page.keyboard.type('|');
  const typed = await area.inputValue();
  expect(typed.replace('|', '')).toBe(definition);
  expect(Math.abs(typed.indexOf('|') - tapped)).toBeLessThanOrEqual(1);
  // The field's language is said, whatever the interface's.
  await expect(area).toHaveAttribute('lang', 'he');
  await expect(page.locator('#entry-definition_en')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#entry-term_en')).toHaveAttribute('lang', 'en');

  // A text area grows with its text: twenty lines show without scrolling inside it.
  const english = page.locator('#entry-definition_en');
  const before = (await english.boundingBox())!.height;
  await english.fill(Array.from({ length: 20 }, (_, n) => `Line ${n + 1} of a long definition.`).join('\n'));
  const sizes = await english.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
  expect(sizes.scroll).toBeLessThanOrEqual(sizes.client + 1);
  expect((await english.boundingBox())!.height).toBeGreaterThan(before * 2);
  if (info.project.name === 'phone') {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'entry-edit-phone360-he.png') });
    await page.setViewportSize({ width: 390, height: 844 });
  }
  await new Shell(page, baseURL!).expectAccessible();

  // Done: reading again, with what was typed, focus on the edit button; from the keyboard the
  // button opens the form at its first field.
  await page.locator('#entry-edit-done').click();
  await expect(toggle).toBeFocused();
  await expect(glossary.reading()).toContainText('|');
  await expect(glossary.reading('definition_en')).toContainText('Line 20 of a long definition.');
  await page.keyboard.press('Enter');
  await expect(page.locator('#entry-term_he')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(glossary.reading()).toBeVisible();
  await expect(toggle).toBeFocused();
  expect(a.member.consoleErrors).toEqual([]);
});
