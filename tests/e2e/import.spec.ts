// Importing files as Hebrew Excel writes them, and results that say what happened.
import { test, expect } from './fixtures';
import { token } from './community';
import * as iconv from './iconv';
import { Glossary } from './glossary';
import { Shell } from './shell';

/** A two-row file with Hebrew terms unique to this test, fields separated by `sep`. */
function csv(he1: string, he2: string, sep = ',') {
  const row = (...cells: string[]) => cells.join(sep) + '\r\n';
  return row('term_he', 'term_en', 'definition_he') + row(he1, token('One-'), 'הגדרה בעברית') + row(he2, token('Two-'), '"עם פסיק, ומרכאות ""כפולות"""');
}

for (const [label, encoding, encode, sep] of [
  ['Windows-1255 (Excel "CSV")', 'Windows-1255', iconv.windows1255, ','],
  ['UTF-16 (Excel "Unicode text", tab separated)', 'UTF-16 LE', iconv.utf16le, '\t'],
] as const) {
  test(`a ${label} file imports with its Hebrew exact`, async ({ people }) => {
    const a = await people.admin();
    const page = a.member.page;
    const he1 = token('קידוד-');
    const he2 = token('שני-');
    await page.goto('/glossary/transfer');
    await page.locator('#import-file').setInputFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: encode(csv(he1, he2, sep)) });
    await expect(page.locator('#import-encoding')).toContainText(encoding);
    const rows = page.locator('.import-preview tbody tr.row-ok');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).locator('td').nth(1)).toHaveText(he1);
    await expect(rows.nth(1).locator('td').nth(1)).toHaveText(he2);
    await expect(page.locator('#import-summary')).toHaveText('מוכנות לייבוא: 2 שורות; עם בעיות (לא ייובאו): 0 שורות');
    await expect(page.locator('#import-confirm')).toHaveText('ייבוא 2 מונחים');
    await page.locator('#import-confirm').click();
    await expect(page.locator('#import-result')).toHaveText('נוספו למילון: 2 מונחים. עודכנו: 0 מונחים. דולגו: 0 שורות (כבר במילון, כפולות או עם שגיאה).');
    await expect(page.locator('#import-result')).toBeFocused();
    // In the glossary, the definition with its comma and quotes intact.
    await page.goto('/glossary');
    await page.locator('#glossary-search').fill(he2);
    await page.locator('.entry-item a').first().click();
    await expect(page.locator('.entry-read .definition').first()).toHaveText('עם פסיק, ומרכאות "כפולות"');
  });
}

test('a file in no encoding Kehila reads is refused with the way out, and a good file then clears it', async ({ people }) => {
  const a = await people.admin();
  const page = a.member.page;
  await page.goto('/glossary/transfer');
  // 0xFF is no character in UTF-8 or Windows-1255.
  await page.locator('#import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from([0x61, 0x2c, 0xff, 0x0d, 0x0a]) });
  await expect(page.locator('.field-error[role="alert"]')).toContainText('CSV UTF-8');
  await page.locator('#import-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(token('טוב-'), token('גם-'))) });
  await expect(page.locator('#import-encoding')).toContainText('UTF-8');
  await expect(page.locator('.field-error[role="alert"]')).toHaveCount(0);
});

test('the starter glossary loaded twice adds its terms once and then says none were added', async ({ people }) => {
  const a = await people.admin();
  const page = a.member.page;
  await page.goto('/glossary/transfer');
  const starter = page.locator('#load-starter');
  await expect(starter).toBeEnabled();
  await starter.click();
  const result = page.locator('#import-result');
  // Other tests share the relay's community and may have loaded it already: either all 40 are
  // new, or all are there; the second time, none are added and all 40 are named as there.
  await expect(result).toContainText(/נוספו מהמילון ההתחלתי: (40|0) מונחים/);
  await expect(result).toBeFocused();
  await starter.click();
  await expect(result).toHaveText('נוספו מהמילון ההתחלתי: 0 מונחים. כבר היו במילון: 40 מונחים.');
});

test('the back link and the file button are 44 px tap targets, the button in the interface language', async ({ people }, info) => {
  const a = await people.admin();
  const page = a.member.page;
  await page.goto('/glossary/transfer');
  const button = page.locator('.file-picker label');
  await expect(button).toHaveText('בחירת קובץ לייבוא');
  for (const target of [page.locator('.back-link'), button]) {
    const box = (await target.boundingBox())!;
    expect(box.height, await target.innerText()).toBeGreaterThanOrEqual(44);
  }
  // The keyboard reaches the file input, and its focus shows on the button.
  await page.locator('#import-file').focus();
  await expect(button).toHaveCSS('outline-style', 'solid');
  if (info.project.name === 'phone') {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.screenshot({ path: `${__dirname}/../../artifacts/screenshots/transfer-phone360-he.png` });
  }
  await page.locator('header button.language-switch').click();
  await expect(button).toHaveText('Choose a file to import');
});

test('one row and one term are counted in the singular, in Hebrew and in English', async ({ people }) => {
  const a = await people.admin();
  const page = a.member.page;
  await page.goto('/glossary/transfer');
  const he = token('יחיד-');
  const file = `term_he,term_en\r\n${he},${token('Single-')}\r\n`;
  await page.locator('#import-file').setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.locator('#import-summary')).toHaveText('מוכנות לייבוא: שורה אחת; עם בעיות (לא ייובאו): 0 שורות');
  await expect(page.locator('#import-confirm')).toHaveText('ייבוא מונח אחד');
  await page.locator('header button.language-switch').click();
  await expect(page.locator('#import-confirm')).toHaveText('Import 1 term');
  await page.locator('#import-confirm').click();
  await expect(page.locator('#import-result')).toHaveText('Added to the glossary: 1 term. Updated: 0 terms. Skipped: 0 rows (already in it, repeated or with an error).');
  // The list counts in the singular too.
  await page.goto('/glossary');
  await page.locator('#glossary-search').fill(he);
  await expect(page.locator('.result-count')).toHaveText('1 term');
});

test('the preview numbers rows as the spreadsheet does, names the term of a wrong row, and updates a term already there on request', async ({ people, baseURL }) => {
  const a = await people.admin();
  const page = a.member.page;
  const glossary = new Glossary(page);
  const existing = token('קיים-');
  const id = await glossary.create(existing, token('Existing-'), 'הגדרה ישנה');
  const fresh = token('חדש-');
  const wrong = token('שגוי-');
  // Row 1 the header, 2 a new term over two lines, 3 empty, 4 the term already there, 5 wrong.
  const file = `term_he,definition_he,domain,status\r\n${fresh},"שורה\nשנייה",,\r\n,,,\r\n${existing},הגדרה חדשה,תשתיות,\r\n${wrong},,,finished\r\n`;
  await page.goto('/glossary/transfer');
  await page.locator('#import-file').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  const preview = page.locator('.import-preview');
  const cells = (row: string) => preview.locator(`tbody tr.${row} td`);
  await expect(cells('row-ok').nth(0)).toHaveText('2');
  await expect(cells('row-update').nth(0)).toHaveText('4');
  await expect(cells('row-error').nth(0)).toHaveText('5');
  await expect(cells('row-error').nth(1)).toHaveText(wrong);
  await expect(cells('row-error').nth(1)).toHaveAttribute('lang', 'he');
  await expect(cells('row-error').nth(3)).toContainText('finished');
  // What the update would change, word by word, before anything is written.
  const update = cells('row-update').nth(3);
  await expect(update.locator('del')).toContainText('ישנה');
  await expect(update.locator('ins').first()).toContainText('חדשה');
  await expect(update).toContainText('תשתיות');
  await expect(page.locator('#import-existing')).toHaveText('כבר במילון: שורה אחת; מהן עם שינויים: שורה אחת');
  const confirm = page.locator('#import-confirm');
  await expect(confirm).toHaveText('ייבוא מונח אחד');
  await page.locator('#import-update').check();
  await expect(confirm).toHaveText('ייבוא מונח אחד ועדכון מונח אחד');
  await expect(update.locator('.row-update-said')).toHaveText('עדכון המונח הקיים:');
  await new Shell(page, baseURL!).expectAccessible();
  await confirm.click();
  await expect(page.locator('#import-result')).toHaveText('נוספו למילון: מונח אחד. עודכנו: מונח אחד. דולגו: שורה אחת (כבר במילון, כפולות או עם שגיאה).');
  // The entry says what the file said; its status is as review left it; the history names it.
  await glossary.open(id);
  await expect(glossary.reading()).toHaveText('הגדרה חדשה');
  await expect(page.locator('.entry-domain')).toHaveText('תשתיות');
  await expect(glossary.statusChip()).toHaveAttribute('data-status', 'proposed');
  await expect(glossary.history().first()).toContainText('הגדרה');
  // The same file again: nothing new for that term, nothing added twice.
  await page.goto('/glossary/transfer');
  await page.locator('#import-file').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.locator('.import-preview tr.row-same')).toHaveCount(2);
  await expect(page.locator('#import-update')).toHaveCount(0);
  await expect(confirm).toBeDisabled();
  expect(a.member.consoleErrors).toEqual([]);
});
