// Page object for the app shell: navigation, language, headings, and the checks every page gets.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as path from 'node:path';

export type Lang = 'he' | 'en';

/** Every route of the shell, with its heading in each language (the app's he/en tables). */
export const ROUTES = [
  { name: 'home', path: '/', he: 'ברוכים הבאים לקהילה', en: 'Welcome to Kehila', nav: { he: 'בית', en: 'Home' } },
  { name: 'glossary', path: '/glossary', he: 'מילון מונחים', en: 'Glossary', nav: { he: 'מונחים', en: 'Glossary' } },
  { name: 'documents', path: '/documents', he: 'מסמכי ידע', en: 'Knowledge documents', nav: { he: 'מסמכים', en: 'Docs' } },
  { name: 'assessments', path: '/assessments', he: 'הערכות בשלות', en: 'Maturity assessments', nav: { he: 'הערכות', en: 'Maturity' } },
  { name: 'boards', path: '/boards', he: 'לוחות סדנה', en: 'Workshop boards', nav: { he: 'לוחות', en: 'Boards' } },
  { name: 'community', path: '/community', he: 'קהילה והגדרות', en: 'Community & settings', nav: { he: 'קהילה', en: 'Community' } },
] as const;

export const NOT_FOUND = { he: 'הדף לא נמצא', en: 'Page not found' };

const SCREENSHOTS = path.join(__dirname, '..', '..', 'artifacts', 'screenshots');

/** Collects a page's console errors and any request to anywhere but the relay into the lists. */
export function watchPage(page: Page, baseURL: string, consoleErrors: string[], foreignRequests: string[]) {
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  const origin = new URL(baseURL).origin;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:') foreignRequests.push(request.url());
  });
}

export class Shell {
  /** Console errors and requests to anywhere but the relay, collected for the whole test. */
  readonly consoleErrors: string[] = [];
  readonly foreignRequests: string[] = [];

  constructor(readonly page: Page, readonly baseURL: string) {
    watchPage(page, baseURL, this.consoleErrors, this.foreignRequests);
  }

  /** Makes the device remember `lang` before the app starts, as a returning user's would. */
  async rememberLanguage(lang: Lang) {
    await this.page.addInitScript((code) => window.localStorage.setItem('kehila.lang', code), lang);
  }

  async goto(route: string) {
    await this.page.goto(route);
    await expect(this.heading()).toBeVisible();
  }

  heading() {
    return this.page.locator('main h1');
  }

  nav() {
    return this.page.getByRole('navigation');
  }

  languageSwitch() {
    return this.page.locator('header button.language-switch');
  }

  async expectLanguage(lang: Lang) {
    const html = this.page.locator('html');
    await expect(html).toHaveAttribute('lang', lang);
    await expect(html).toHaveAttribute('dir', lang === 'he' ? 'rtl' : 'ltr');
  }

  /** axe-core with the WCAG 2.0/2.1 A and AA rules: IS 5568's bar. */
  async expectAccessible() {
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(summary).toEqual([]);
  }

  /** No navigation label is cut off (the phone's bottom bar is narrow), measured once the
   *  shipped font has loaded: what a member sees after the first moment. */
  async expectNavLabelsFit() {
    await this.page.evaluate(() => document.fonts.ready);
    // The text's laid-out width against its box, unrounded: scrollWidth/clientWidth round to
    // whole pixels and hid a label cut by an ellipsis half a pixel wide.
    const clipped = await this.nav().locator('a span').evaluateAll((spans) =>
      spans
        .filter((s) => {
          const text = document.createRange();
          text.selectNodeContents(s);
          return text.getBoundingClientRect().width > s.getBoundingClientRect().width + 0.01;
        })
        .map((s) => s.textContent),
    );
    expect(clipped).toEqual([]);
  }

  /** The platform fonts Chromium used for the text of the first element matching `selector`
   *  (DevTools protocol: the font actually drawn, not the one the CSS asked for). */
  async renderedFonts(selector: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
    await this.page.evaluate(() => document.fonts.ready);
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      expect(nodeId, `no element matches ${selector}`).toBeGreaterThan(0);
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      return fonts;
    } finally {
      await cdp.detach();
    }
  }

  /** The text of `selectors` is drawn in Heebo, the font the relay serves (not a system font),
   *  and says so in the log, so a difference between machines shows there. */
  async expectShippedFont(label: string, selectors: string[]) {
    for (const selector of selectors) {
      const fonts = await this.renderedFonts(selector);
      console.log(`fonts ${label} ${selector}: ${fonts.map((f) => `${f.familyName}${f.isCustomFont ? ' (served)' : ' (system)'} x${f.glyphCount}`).join(', ')}`);
      expect(fonts.length, `${selector} draws no text`).toBeGreaterThan(0);
      expect(fonts.filter((f) => !(f.isCustomFont && f.familyName === 'Heebo'))).toEqual([]);
    }
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** Nothing went wrong quietly: no console error (a CSP refusal shows up here) and no request
   *  left the relay (no CDN, font, analytics or tracker). */
  expectClean() {
    expect(this.consoleErrors).toEqual([]);
    expect(this.foreignRequests).toEqual([]);
  }
}
