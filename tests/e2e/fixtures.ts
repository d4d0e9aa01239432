// The fixtures every spec imports `test` and `expect` from (not from '@playwright/test'):
// - every browser context a test opens is closed after it, passed or failed, and every request
//   any of its pages makes is checked: one that leaves the relay (a CDN, a font, a tracker) fails
//   the test;
// - `people` opens contexts at the project's size and joins people: `admin()` from the relay's
//   admin invite, `invite(by, role)` from an invite link an admin made.
import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import { ADMIN_INVITE, Member, token } from './community';

export { expect };

export type Role = 'member' | 'viewer';

/** A person in a test: their browser context and the page they joined on. */
export interface Person {
  context: BrowserContext;
  member: Member;
}

/** The project's screen: a 390 px phone with touch, or a desktop window. */
export function screen(project: string): BrowserContextOptions {
  return project === 'phone'
    ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 800 } };
}

/** Watches `context`'s requests: any to another origin than `origin` is recorded. */
function guard(context: BrowserContext, origin: string, foreign: string[]) {
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(request.url());
  });
}

/** Opens contexts and joins people; remembers every context to close it. */
export class People {
  private readonly contexts: BrowserContext[] = [];
  readonly foreign: string[] = [];

  constructor(private readonly browser: Browser, readonly baseURL: string, readonly project: string) {}

  /** A new browser context (a separate device) at the project's size, on `baseURL` unless given. */
  async device(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const baseURL = options.baseURL ?? this.baseURL;
    const context = await this.browser.newContext({ acceptDownloads: true, ...screen(this.project), ...options, baseURL });
    this.contexts.push(context);
    guard(context, new URL(baseURL).origin, this.foreign);
    return context;
  }

  /** Someone joining from the relay's admin invite (or `invite`, for a relay of the test's own). */
  async admin(options: { baseURL?: string; invite?: string; name?: string } = {}): Promise<Person> {
    const baseURL = options.baseURL ?? this.baseURL;
    const context = await this.device({ baseURL });
    const member = await Member.join(context, baseURL, `/#invite=${options.invite ?? ADMIN_INVITE}`, options.name ?? token('מנהלת-'));
    return { context, member };
  }

  /** Someone joining from an invite link `by` creates for `role`. */
  async invite(by: Member, role: Role, name?: string): Promise<Person> {
    await by.openCommunity();
    const link = await by.createInvite(role);
    const context = await this.device({ baseURL: by.baseURL });
    const member = await Member.join(context, by.baseURL, link, name ?? token(role === 'viewer' ? 'Viewer-' : 'Ben-'));
    return { context, member };
  }

  /** Closes every context (a context already closed is fine). */
  async closeAll() {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => {})));
  }
}

export const test = base.extend<{ people: People }>({
  // The default context (specs that use `page`): its requests are guarded too.
  context: async ({ context, baseURL }, use) => {
    const foreign: string[] = [];
    guard(context, new URL(baseURL!).origin, foreign);
    await use(context);
    expect(foreign, 'every request stays on the relay').toEqual([]);
  },
  people: async ({ browser, baseURL }, use, info) => {
    const people = new People(browser, baseURL!, info.project.name);
    try {
      await use(people);
    } finally {
      await people.closeAll();
    }
    expect(people.foreign, 'every request stays on the relay').toEqual([]);
  },
});
