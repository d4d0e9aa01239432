// Keyboard only, in both languages, on a 360 px phone and a desktop: the glossary, an entry, its
// edit form, review, history, a new entry and the community's invitations. At every Tab stop the
// focused element is visible and its focus ring shows (`walk`); after every action focus is on
// the action's result, never <body>; axe is clean in every state reached.
import { test, expect } from './fixtures';
import { token } from './community';
import { Glossary } from './glossary';
import { Shell } from './shell';
import { walk } from './keyboard';
import type { Page } from '@playwright/test';

/** Fails unless focus is on an element of the page (not <body>) matching `selector`. */
async function focusIs(page: Page, selector: string) {
  await expect(page.locator(selector)).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
}

for (const lang of ['he', 'en'] as const) {
  test(`keyboard only through the glossary, review, history and invitations (${lang})`, async ({ people, baseURL }, info) => {
    test.setTimeout(150_000);
    const a = await people.admin();
    const page = a.member.page;
    const shell = new Shell(page, baseURL!);
    const glossary = new Glossary(page);
    if (info.project.name === 'phone') await page.setViewportSize({ width: 360, height: 780 });
    if (lang === 'en') {
      await page.locator('header button.language-switch').focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    const id = await glossary.create(token('מקלדת-'), token('Keyboard-'), 'הגדרה לבדיקה');

    // The list.
    await page.goto('/glossary');
    await expect(page.locator('.entry-item').first()).toBeVisible();
    await walk(page);
    await shell.expectAccessible();

    // The entry, read; then its form, opened and closed from the keyboard.
    await glossary.open(id);
    await walk(page);
    await shell.expectAccessible();
    await page.locator('#entry-edit-toggle').focus();
    await page.keyboard.press('Enter');
    await focusIs(page, '#entry-term_he');
    await walk(page, 120);
    await shell.expectAccessible();
    await page.locator('#entry-edit-done').focus();
    await page.keyboard.press('Enter');
    await focusIs(page, '#entry-edit-toggle');

    // Review: focus goes to what happened, and a second Enter undoes nothing.
    await page.locator('[data-action="submit"]').focus();
    await page.keyboard.press('Enter');
    await focusIs(page, '#workflow-said');
    await expect(page.locator('#workflow-said')).toContainText(lang === 'he' ? 'בבדיקה' : 'In review');
    await page.keyboard.press('Enter');
    await expect(glossary.statusChip()).toHaveAttribute('data-status', 'review');
    await page.locator('[data-action="approve"]').focus();
    await page.keyboard.press('Enter');
    await focusIs(page, '#workflow-said');
    await page.keyboard.press('Enter');
    await expect(glossary.statusChip()).toHaveAttribute('data-status', 'approved');
    await shell.expectAccessible();

    // History: a version opens with focus in it, and closing returns focus to its button.
    const show = glossary.history().last().locator('button[data-version]');
    await show.focus();
    await page.keyboard.press('Enter');
    await focusIs(page, '.history .old-version h3');
    await shell.expectAccessible();
    const close = page.locator('.history .old-version .actions button').last();
    await close.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.history .old-version')).toHaveCount(0);
    await expect(show).toBeFocused();

    // A new entry: an empty submit says why, on the term, which keeps focus.
    await page.goto('/glossary/new');
    await walk(page);
    await page.locator('#new-term-he').focus();
    await page.keyboard.press('Enter');
    await focusIs(page, '#new-term-he');
    await expect(page.locator('#new-term-he')).toHaveAttribute('aria-invalid', 'true');
    await shell.expectAccessible();

    // The community page with its invitations: every stop visible; an empty name is said.
    await a.member.openCommunity();
    await walk(page, 160);
    await page.locator('#name-input').fill('');
    await page.locator('#name-input').press('Enter');
    await focusIs(page, '#name-input');
    await expect(page.locator('#name-input')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#name-error')).not.toBeEmpty();
    await shell.expectAccessible();
    expect(a.member.consoleErrors).toEqual([]);
  });
}
