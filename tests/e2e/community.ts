// Page object for a member of the community: joining from an invite link, the sync badge, the
// co-edited description, members and presence, the catalog and invitations.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { watchPage } from './shell';

export const ADMIN_INVITE = process.env.KEHILA_ADMIN_INVITE ?? '';
if (!ADMIN_INVITE) {
  throw new Error('KEHILA_ADMIN_INVITE is not set: run the e2e suite with `cargo xtask test`.');
}

/** A marker no other test (or project running in parallel) types. */
export function token(label: string): string {
  return `${label}${Math.random().toString(36).slice(2, 8)}`;
}

/** The invite id inside an invite link's token (`base64url("i.<id>.<community>.<role>.<exp>").mac`). */
export function inviteId(link: string): string {
  const payload = link.split('#invite=')[1].split('.')[0];
  return Buffer.from(payload, 'base64url').toString('utf8').split('.')[1];
}

export class Member {
  readonly consoleErrors: string[] = [];
  readonly foreignRequests: string[] = [];
  /** The display name chosen on joining (empty for another tab). */
  name = '';

  constructor(readonly page: Page, readonly baseURL: string) {
    watchPage(page, baseURL, this.consoleErrors, this.foreignRequests);
  }

  /** Opens an invite link in a new page of `context`, chooses a display name, opens the community page. */
  static async join(context: BrowserContext, baseURL: string, link: string, name: string): Promise<Member> {
    const member = new Member(await context.newPage(), baseURL);
    await member.page.goto(link);
    // The token is traded for a cookie and removed from the address bar.
    await expect(member.page).not.toHaveURL(/invite=/);
    await expect(member.badge()).toBeVisible();
    const prompt = member.page.locator('#name-prompt-input');
    await prompt.fill(name);
    await prompt.press('Enter');
    await expect(prompt).toHaveCount(0);
    member.name = name;
    await member.openCommunity();
    return member;
  }

  /** Another tab of the same member (same browser context). */
  static async tab(context: BrowserContext, baseURL: string): Promise<Member> {
    const member = new Member(await context.newPage(), baseURL);
    await member.openCommunity();
    return member;
  }

  async openCommunity() {
    await this.page.goto('/community');
    await expect(this.about()).toBeVisible();
    await expect(this.about()).toHaveAttribute('data-ready', 'true');
  }

  badge() {
    return this.page.locator('header .sync-badge');
  }

  /** `timeout` for states that wait on the relay's answer to a large message on a loaded machine. */
  async expectState(state: 'offline' | 'saved' | 'syncing' | 'synced' | 'unsaved' | 'held', timeout?: number) {
    // What the engine knows (a change the relay has not confirmed is not "synced" there, even in
    // the second the badge waits before saying "syncing"), and then what the badge shows.
    await expect(this.badge()).toHaveAttribute('data-engine', state, { timeout });
    await expect(this.badge()).toHaveAttribute('data-state', state, { timeout });
  }

  about() {
    return this.page.locator('#about-text');
  }

  /** Types `text` at the start or the end of the description, as a person would. */
  async typeInAbout(text: string, where: 'start' | 'end') {
    await this.about().click();
    await this.page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
    await this.page.keyboard.type(text);
  }

  member(name: string) {
    return this.page.locator('.member', { has: this.page.locator('.member-name', { hasText: name }) });
  }

  async expectOnline(name: string) {
    await expect(this.member(name)).toHaveAttribute('data-online', 'true');
  }

  /** Admins: creates an invitation link with `role`. */
  async createInvite(role: 'viewer' | 'member' | 'admin'): Promise<string> {
    await this.page.locator('#invite-role').selectOption(role);
    const existing = this.page.locator('#invite-link');
    const previous = (await existing.count()) > 0 ? await existing.inputValue() : '';
    await this.page.locator('.invite-form button[type=submit]').click();
    const field = this.page.locator('#invite-link');
    await expect(field).toHaveValue(/#invite=/);
    await expect(field).not.toHaveValue(previous || 'none');
    return field.inputValue();
  }

  async addToCatalog(title: string) {
    await this.page.locator('#catalog-title').fill(title);
    await this.page.locator('.catalog-form button[type=submit]').click();
  }

  catalogEntry(title: string) {
    return this.page.locator('.catalog-entry', { hasText: title });
  }

  /** Waits until the service worker controls the page, so a reload works with no network. */
  async expectOfflineReady() {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  }
}

/** Both descriptions end up identical (other tests may be typing too, so poll for a quiet moment). */
export async function expectConverged(a: Member, b: Member) {
  await expect
    .poll(async () => (await a.about().inputValue()) === (await b.about().inputValue()), { timeout: 15_000 })
    .toBe(true);
}
