// A keyboard-only walk: Tab through a page and, at every stop, check that focus is on an element
// (never <body>), that the element is visible — not covered: the element at its centre is it or
// inside it (the phone's fixed bottom bar covered 9 of 72 stops once) — and that its focus
// indicator is a solid outline with at least 3:1 contrast against what is behind it.
import { expect, type Page } from '@playwright/test';

export interface Stop {
  what: string;
  covered: boolean;
  outline: string;
  contrast: number;
}

/** Reads the focused element's visibility and focus indicator. */
async function stop(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const rect = el.getBoundingClientRect();
    const x = Math.min(Math.max(rect.left + rect.width / 2, 1), window.innerWidth - 1);
    const y = Math.min(Math.max(rect.top + Math.min(rect.height, 40) / 2, 1), window.innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    // A file input hidden under its label shows its focus on the label.
    const shown = el.matches('input[type=file]') ? (el.nextElementSibling as HTMLElement) ?? el : el;
    const covered = !(hit && (hit === el || el.contains(hit) || shown.contains(hit) || hit.contains(el) && hit.tagName === 'LABEL'));
    const style = getComputedStyle(shown);
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    // What is behind the outline: the first opaque background among the element's ancestors.
    let back = [255, 255, 255];
    for (let node = shown.parentElement; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) { back = c; break; }
    }
    const ring = rgb(style.outlineColor);
    const [a, b] = [lum(ring), lum(back)].sort((p, q) => q - p);
    return {
      what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${(el.textContent ?? '').trim().slice(0, 30)}`,
      covered,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      contrast: (a + 0.05) / (b + 0.05),
    };
  });
}

/** Tabs through the page from its start (at most `limit` stops, until focus leaves the page) and
 * fails on any stop that is covered or has no ≥ 3:1 solid focus outline. Returns the stops. */
export async function walk(page: Page, limit = 90): Promise<Stop[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: Stop[] = [];
  for (let n = 0; n < limit; n++) {
    await page.keyboard.press('Tab');
    const at = await stop(page);
    if (!at) break;
    stops.push(at);
  }
  const bad = stops.filter((s) => s.covered || !s.outline.startsWith('solid') || s.contrast < 3);
  expect(bad, `stops covered or without a visible focus indicator (of ${stops.length})`).toEqual([]);
  expect(stops.length).toBeGreaterThan(3);
  return stops;
}
