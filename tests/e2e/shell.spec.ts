// The app shell, end to end: real relay, real Chromium, phone and desktop viewports.
import { test, expect } from './fixtures';
import { Shell, ROUTES, NOT_FOUND, type Lang } from './shell';
import { ADMIN_INVITE, Member, token } from './community';

const LANGS: Lang[] = ['he', 'en'];

for (const lang of LANGS) {
  for (const route of ROUTES) {
    test(`${route.name} renders its heading in ${lang}, accessibly`, async ({ page, baseURL }, info) => {
      const shell = new Shell(page, baseURL!);
      if (lang === 'en') await shell.rememberLanguage('en');
      await shell.goto(route.path);
      await shell.expectLanguage(lang);
      await expect(shell.heading()).toHaveText(route[lang]);
      await expect(page).toHaveTitle(`${route[lang]} · ${lang === 'he' ? 'קהילה' : 'Kehila'}`);
      const current = shell.nav().locator('[aria-current="page"]');
      await expect(current).toHaveCount(1);
      await expect(current).toHaveText(route.nav[lang]);
      await shell.expectNavLabelsFit();
      await shell.expectAccessible();
      await shell.screenshot(`${info.project.name}-${lang}-${route.name}`);
      if (info.project.name === 'phone') {
        // The narrowest phones in use are 360 px wide: the bottom bar must still fit there.
        await page.setViewportSize({ width: 360, height: 780 });
        await shell.expectNavLabelsFit();
        await shell.screenshot(`phone360-${lang}-${route.name}`);
      }
      shell.expectClean();
    });
  }

  test(`an unknown route shows the 404 view in ${lang}`, async ({ page, baseURL }, info) => {
    const shell = new Shell(page, baseURL!);
    if (lang === 'en') await shell.rememberLanguage('en');
    await shell.goto('/no/such/page');
    await expect(shell.heading()).toHaveText(NOT_FOUND[lang]);
    await shell.expectAccessible();
    await shell.screenshot(`${info.project.name}-${lang}-404`);
    await page.locator('main a[href="/"]').click();
    await expect(shell.heading()).toHaveText(ROUTES[0][lang]);
    shell.expectClean();
  });
}

for (const lang of LANGS) {
  test(`text is drawn in the shipped font, not whatever the machine has, in ${lang}`, async ({ page, baseURL }, info) => {
    const shell = new Shell(page, baseURL!);
    if (lang === 'en') await shell.rememberLanguage('en');
    await shell.goto('/');
    await shell.expectShippedFont(`${info.project.name}-${lang}`, [
      'main h1',
      'main p',
      '.brand',
      'header button.language-switch',
      'nav a[href="/community"] span',
    ]);
    shell.expectClean();
  });
}

test('Hebrew and right-to-left by default', async ({ page, baseURL }) => {
  const shell = new Shell(page, baseURL!);
  await shell.goto('/');
  await shell.expectLanguage('he');
  await expect(shell.heading()).toHaveText(ROUTES[0].he);
  shell.expectClean();
});

test('switching to English flips to ltr and survives a reload', async ({ page, baseURL }) => {
  const shell = new Shell(page, baseURL!);
  await shell.goto('/glossary');
  await shell.languageSwitch().click();
  await shell.expectLanguage('en');
  await expect(shell.heading()).toHaveText('Glossary');
  await page.reload();
  await expect(shell.heading()).toHaveText('Glossary');
  await shell.expectLanguage('en');
  // And back, from the settings page's radio buttons.
  await shell.goto('/community');
  await page.getByRole('radio', { name: 'עברית' }).check();
  await shell.expectLanguage('he');
  await expect(shell.heading()).toHaveText(ROUTES[5].he);
  await page.reload();
  await shell.expectLanguage('he');
  shell.expectClean();
});

test('every section is reachable from the navigation, and focus follows', async ({ page, baseURL }) => {
  const shell = new Shell(page, baseURL!);
  await shell.goto('/');
  for (const route of [...ROUTES.slice(1), ROUTES[0]]) {
    await shell.nav().getByRole('link', { name: route.nav.he, exact: true }).click();
    await expect(page).toHaveURL(new URL(route.path, baseURL).href);
    await expect(shell.heading()).toHaveText(route.he);
    await expect(shell.heading()).toBeFocused();
  }
  shell.expectClean();
});

test('keyboard: the skip link comes first and jumps to the content', async ({ page, baseURL }, info) => {
  test.skip(info.project.name === 'phone', 'a phone has no Tab key');
  const shell = new Shell(page, baseURL!);
  await shell.goto('/boards');
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // Every nav link is reachable with Tab, and the focus ring is visible.
  await page.keyboard.press('Shift+Tab');
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return getComputedStyle(el).outlineStyle;
  });
  expect(outline).not.toBe('none');
  shell.expectClean();
});

test('after choosing a name, a welcome names the member, the role and the community, with what to do next', async ({ people, baseURL }, info) => {
  const context = await people.device();
  const page = await context.newPage();
  const shell = new Shell(page, baseURL!);
  await page.goto(`/#invite=${ADMIN_INVITE}`);
  const name = token('נועה-');
  await page.locator('#name-prompt-input').fill(name);
  await page.locator('#name-prompt-input').press('Enter');
  const heading = page.locator('#welcome-heading');
  // The name is isolated (FSI…PDI): Latin letters or digits in it cannot reorder the sentence.
  await expect(heading).toHaveText(`ברוך/ה הבא/ה, \u2068${name}\u2069`);
  await expect(heading).toBeFocused();
  await expect(page.locator('.welcome')).toContainText('את/ה מנהל/ת בקהילה');
  await expect(page.locator('.welcome-steps a')).toHaveText(['לפתוח את מילון המונחים', 'להתחיל את המילון מ-40 המונחים ההתחלתיים', 'להזמין אחרים לקהילה']);
  await shell.expectAccessible();
  if (info.project.name === 'phone') {
    await page.setViewportSize({ width: 360, height: 780 });
    await shell.screenshot('phone360-he-welcome');
  }
  await page.locator('.welcome-steps a').first().click();
  await expect(page).toHaveURL(/\/glossary$/);

  // A member is pointed to the glossary only, and told what a member may do.
  const b = await people.invite(new Member(page, baseURL!), 'member');
  await b.member.page.goto('/');
  await expect(b.member.page.locator('.welcome')).toContainText('את/ה חבר/ה בקהילה');
  await expect(b.member.page.locator('.welcome-steps a')).toHaveCount(1);
});
