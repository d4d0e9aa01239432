// The glossary through the real relay: co-editing a definition, offline work, roles, Hebrew
// search, review and history, import preview, export, links — in two browser contexts.
import { test, expect } from './fixtures';
import { token } from './community';
import { Glossary } from './glossary';
import { Shell } from './shell';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'artifacts', 'screenshots');

test('two members typing in the same definition at once keep both edits', async ({ people }) => {
  const a = await people.admin();
  const b = await people.invite(a.member, 'member');
  const glossaryA = new Glossary(a.member.page);
  const glossaryB = new Glossary(b.member.page);
  const id = await glossaryA.create(token('מונח-'), token('Term-'), 'הגדרה משותפת');
  await glossaryB.open(id);
  // Presence: each sees the other on this entry.
  await expect(a.member.page.locator('.entry-here')).toBeVisible();
  const fromA = token('A');
  const fromB = token('B');
  const areaA = await glossaryA.edit();
  const areaB = await glossaryB.edit();
  await expect(areaB).toHaveValue('הגדרה משותפת');
  await areaA.click();
  await a.member.page.keyboard.press('Control+Home');
  await areaB.click();
  await b.member.page.keyboard.press('Control+End');
  await Promise.all([a.member.page.keyboard.type(fromA, { delay: 30 }), b.member.page.keyboard.type(fromB, { delay: 30 })]);
  const merged = `${fromA}הגדרה משותפת${fromB}`;
  await expect(areaA).toHaveValue(merged);
  await expect(areaB).toHaveValue(merged);
  // The history names both, and an earlier version can be shown.
  await expect(a.member.page.locator('.history li')).not.toHaveCount(0);
  await a.member.page.locator('.history li').last().getByRole('button').click();
  await expect(a.member.page.locator('.old-definition-he')).toHaveText('הגדרה משותפת');
  expect(a.member.consoleErrors).toEqual([]);
  expect(b.member.consoleErrors).toEqual([]);
});

test('B adds an entry and edits another while offline; back online, A sees both', async ({ people }) => {
  const a = await people.admin();
  const b = await people.invite(a.member, 'member');
  const existing = await new Glossary(a.member.page).create(token('קיים-'), token('Existing-'), 'לפני');
  const glossaryB = new Glossary(b.member.page);
  await glossaryB.open(existing);
  await expect(glossaryB.reading()).toHaveText('לפני');
  // Everything B did so far (joining, its name) is on the relay before the network goes: only
  // then does going offline read "offline" rather than "saved on this device (n)".
  await b.member.expectState('synced');

  await b.context.setOffline(true);
  await b.member.expectState('offline');
  const edit = token('offline');
  await (await glossaryB.edit()).click();
  await b.member.page.keyboard.press('Control+End');
  await b.member.page.keyboard.type(` ${edit}`);
  const newTerm = token('חדש-');
  // In-app navigation (no network needed): the list, then the form.
  await b.member.page.locator('a[href="/glossary"]').first().click();
  await b.member.page.locator('a[href="/glossary/new"]').click();
  await b.member.page.locator('#new-term-he').fill(newTerm);
  await b.member.page.getByRole('button', { name: /הוספת המונח|Add the term/ }).click();
  await expect(b.member.page.locator('main h1')).toHaveText(newTerm);
  await b.member.expectState('saved');

  await b.context.setOffline(false);
  await b.member.expectState('synced');
  await a.member.page.goto('/glossary');
  await a.member.page.locator('#glossary-search').fill(newTerm);
  await expect(a.member.page.locator('.entry-item')).toHaveCount(1);
  await new Glossary(a.member.page).open(existing);
  await expect(new Glossary(a.member.page).reading()).toHaveText(`לפני ${edit}`);
});

test('a viewer reads the glossary but cannot edit or review', async ({ people }) => {
  const a = await people.admin();
  const id = await new Glossary(a.member.page).create(token('לקריאה-'), token('ReadOnly-'), 'רק לקריאה');
  const v = await people.invite(a.member, 'viewer');
  await new Glossary(v.member.page).open(id);
  await expect(v.member.page.locator('.definition')).toContainText('רק לקריאה');
  await expect(v.member.page.locator('.entry-edit')).toHaveCount(0);
  await expect(v.member.page.locator('#entry-edit-toggle')).toHaveCount(0);
  // A tap on the text opens nothing for a viewer.
  await v.member.page.locator('.definition').click();
  await expect(v.member.page.locator('textarea')).toHaveCount(0);
  await expect(v.member.page.locator('[data-action]')).toHaveCount(0);
  await v.member.page.goto('/glossary');
  await expect(v.member.page.locator('a[href="/glossary/new"]')).toHaveCount(0);
  await v.member.page.goto('/glossary/transfer');
  await expect(v.member.page.locator('#import-file')).toHaveCount(0);
  expect(v.member.consoleErrors).toEqual([]);
});

test('search finds טרנספורמציה typed plainly, with niqqud and with the prefix ו', async ({ people }) => {
  const a = await people.admin();
  const unique = token('x');
  const id = await new Glossary(a.member.page).create(`טרנספורמציה ${unique}`, `Transformation ${unique}`);
  await a.member.page.goto('/glossary');
  const search = a.member.page.locator('#glossary-search');
  const hit = a.member.page.locator(`.entry-item[data-entry="${id}"]`);
  for (const query of ['טרנספורמציה', 'טְרַנְסְפוֹרְמַצְיָה', 'וטרנספורמציה']) {
    await search.fill(`${query} ${unique}`);
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toBeVisible();
  }
  await search.fill(`TRANSFORMATION ${unique.toUpperCase()}`);
  await expect(hit).toBeVisible();
  await search.fill(`לא-קיים-${unique}`);
  await expect(a.member.page.locator('.entry-item')).toHaveCount(0);
  await expect(a.member.page.locator('.empty-state')).toBeVisible();
});

test('CSV export opens with Hebrew intact', async ({ people }) => {
  const a = await people.admin();
  const term = token('ייצוא-');
  const definition = 'הגדרה עם "מרכאות", פסיק ושורה\nשנייה';
  await new Glossary(a.member.page).create(term, token('Export-'), definition);
  await a.member.page.goto('/glossary/transfer');
  const [download] = await Promise.all([
    a.member.page.waitForEvent('download'),
    a.member.page.locator('#export-csv').click(),
  ]);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  expect(text.split('\r\n')[0]).toBe('term_he,term_en,synonyms_he,synonyms_en,abbreviations_he,abbreviations_en,definition_he,definition_en,example,source,source_url,domain,status,notes');
  expect(text).toContain(`${term},`);
  expect(text).toContain(`"הגדרה עם ""מרכאות"", פסיק ושורה\nשנייה"`);
});

test('members propose and submit; admins approve, deprecate and restore; each entry has a deep link to share', async ({ people }) => {
  const a = await people.admin();
  const b = await people.invite(a.member, 'member');
  const admin = new Glossary(a.member.page);
  const member = new Glossary(b.member.page);
  const id = await member.create(token('הצעה-'), token('Proposal-'), 'הצעה של חבר');
  await expect(member.statusChip()).toHaveAttribute('data-status', 'proposed');
  await expect(member.action('approve')).toHaveCount(0);
  await expect(member.action('deprecate')).toHaveCount(0);
  await member.action('submit').click();
  await expect(member.statusChip()).toHaveAttribute('data-status', 'review');

  await admin.open(id);
  await expect(admin.statusChip()).toHaveAttribute('data-status', 'review');
  await admin.action('approve').click();
  await expect(member.statusChip()).toHaveAttribute('data-status', 'approved');
  await admin.action('deprecate').click();
  await expect(member.statusChip()).toHaveAttribute('data-status', 'deprecated');
  // A deprecated entry is restored (not "rejected"), back to proposed.
  await expect(admin.action('reject')).toHaveCount(0);
  await admin.action('restore').click();
  await expect(member.statusChip()).toHaveAttribute('data-status', 'proposed');
  await expect(member.history()).toHaveCount(5);
  // History names the fields in words, newest first: the status, and at the bottom the creation.
  await expect(member.history().first()).toContainText('סטטוס');
  await expect(member.history().last()).toContainText('יצירת המונח');

  const share = await a.member.page.locator('#share-whatsapp').getAttribute('href');
  expect(share).toMatch(/^https:\/\/wa\.me\/\?text=/);
  expect(decodeURIComponent(share!.split('text=')[1])).toContain(`/glossary/${id}`);
});

test('an import shows every bad row and writes nothing until confirmed', async ({ people }) => {
  const a = await people.admin();
  const good = token('מיובא-');
  const csv = `term_he,term_en,status\n${good},${token('Imported-')},approved\n,,proposed\n${token('שגוי-')},,finished\n`;
  await a.member.page.goto('/glossary/transfer');
  await a.member.page.locator('#import-file').setInputFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = a.member.page.locator('.import-preview');
  await expect(preview.locator('tr.row-ok')).toHaveCount(1);
  await expect(preview.locator('tr.row-error')).toHaveCount(2);
  await expect(preview.locator('tr.row-error').first()).toContainText(/אין מונח|no term/);
  await expect(preview.locator('tr.row-error').last()).toContainText('finished');
  // Not written yet.
  const list = await a.context.newPage();
  await list.goto('/glossary');
  await list.locator('#glossary-search').fill(good);
  await expect(list.locator('.result-count')).toContainText('0');
  await a.member.page.locator('#import-confirm').click();
  await expect(list.locator('.entry-item')).toHaveCount(1);
});

for (const lang of ['he', 'en'] as const) {
  test(`the glossary list and an entry are accessible in ${lang}`, async ({ people, baseURL }, info) => {
    const a = await people.admin();
    const shell = new Shell(a.member.page, baseURL!);
    const id = await new Glossary(a.member.page).create(token('נגיש-'), token('Accessible-'), 'ראו [[Agile]] ו-[[מונח שאינו קיים]].');
    if (lang === 'en') await a.member.page.locator('header button.language-switch').click();
    await shell.expectAccessible();
    await a.member.page.screenshot({ path: path.join(SCREENSHOTS, `glossary-entry-${info.project.name}-${lang}.png`), fullPage: true });
    await a.member.page.goto('/glossary');
    await expect(a.member.page.locator('.entry-item').first()).toBeVisible();
    await shell.expectAccessible();
    await a.member.page.screenshot({ path: path.join(SCREENSHOTS, `glossary-list-${info.project.name}-${lang}.png`) });
    await new Glossary(a.member.page).open(id);
    expect(a.member.consoleErrors).toEqual([]);
  });
}

test('the entry picker chooses a related term and a term to use instead, by typing', async ({ people, baseURL }, info) => {
  const a = await people.admin();
  const page = a.member.page;
  const glossary = new Glossary(page);
  const shell = new Shell(page, baseURL!);
  const better = token('חלופה-');
  const betterId = await glossary.create(better, token('Better-'), 'המונח המומלץ');
  const id = await glossary.create(token('ישן-'), token('Old-'), 'מונח שיוחלף');

  // Related: typing part of a title offers that entry (never the entry itself); picking it adds it.
  await glossary.edit('term_he');
  const related = page.locator('#related-add');
  await related.fill(better.slice(0, -2));
  const offer = page.locator(`.related-edit .picker-results button[data-entry="${betterId}"]`);
  await expect(offer).toHaveText(better);
  await expect(page.locator(`.related-edit .picker-results button[data-entry="${id}"]`)).toHaveCount(0);
  await expect(page.locator('#related-add-hint')).toContainText(/\d/);
  await shell.expectAccessible();
  if (info.project.name === 'phone') {
    await page.setViewportSize({ width: 360, height: 780 });
    await offer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, `glossary-picker-phone360-he.png`) });
    await page.setViewportSize({ width: 390, height: 844 });
  }
  // Keyboard: Tab from the box reaches the offer, Enter picks it.
  await related.focus();
  await page.keyboard.press('Tab');
  await expect(offer).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(related).toHaveValue('');
  await expect(page.locator('.related-edit .related-list')).toContainText(better);
  // Already related: not offered again.
  await related.fill(better);
  await expect(page.locator('#related-add-hint')).toBeVisible();
  await expect(offer).toHaveCount(0);
  await related.fill('');
  // Done: the entry reads again, with the link, and focus is back on the edit button.
  await page.locator('#entry-edit-done').click();
  await expect(page.locator('#entry-edit-toggle')).toBeFocused();
  const readLink = page.locator(`.entry-read .related-list a[href="/glossary/${betterId}"]`);
  await expect(readLink).toHaveText(better);

  // Use instead: picked in the review card, named before the click, linked from the notice after.
  await page.locator('#replacement').fill(better);
  await page.locator(`.deprecate .picker-results button[data-entry="${betterId}"]`).click();
  await expect(page.locator('.deprecate .chosen')).toContainText(better);
  await glossary.action('deprecate').click();
  await expect(glossary.statusChip()).toHaveAttribute('data-status', 'deprecated');
  const useInstead = page.locator(`.notice a[href="/glossary/${betterId}"]`);
  await expect(useInstead).toHaveText(better);
  // Both survive a reload (they are in the document, not only on the page).
  await glossary.open(id);
  await expect(useInstead).toHaveText(better);
  await expect(readLink).toHaveText(better);
  await useInstead.click();
  await expect(page).toHaveURL(new RegExp(`/glossary/${betterId}$`));
  expect(a.member.consoleErrors).toEqual([]);
});

test('a search that finds nothing offers to add it as a new term, with the text carried over', async ({ people }) => {
  const a = await people.admin();
  const page = a.member.page;
  const glossary = new Glossary(page);
  const existing = token('קיים-');
  await glossary.create(existing, token('Here-'));
  await glossary.openList();
  const missing = token('חסר ');
  await glossary.search().fill(missing);
  await expect(glossary.items()).toHaveCount(0);
  await page.locator('#add-searched').click();
  await expect(page).toHaveURL(/\/glossary\/new\?term=/);
  await expect(page.locator('#new-term-he')).toHaveValue(missing);
  await expect(page.locator('#new-term-en')).toHaveValue('');
  // A term already in the glossary: the error is beside the terms, and they are marked invalid.
  await page.locator('#new-term-he').fill(existing);
  await page.getByRole('button', { name: /הוספת המונח/ }).click();
  await expect(page.locator('#new-error')).toContainText(existing);
  await expect(page.locator('#new-term-he')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#new-term-he')).toBeFocused();
  // An English search fills the English term.
  await glossary.openList();
  const english = token('Missing ');
  await glossary.search().fill(english);
  await page.locator('#add-searched').click();
  await expect(page.locator('#new-term-en')).toHaveValue(english);
  await page.getByRole('button', { name: /הוספת המונח/ }).click();
  await expect(page.locator('main h1')).toHaveText(english);
});
