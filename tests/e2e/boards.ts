// The board pages as a participant uses them, by tap menu, keyboard or drag.
import { expect, type Page } from '@playwright/test';

export class Board {
  constructor(readonly page: Page) {}

  /** Makes a board from /boards/new; returns its path. */
  static async create(page: Page, title: string, question: string): Promise<string> {
    await page.goto('/boards');
    await page.locator('#new-board').click();
    await page.locator('#board-title').fill(title);
    await page.locator('#board-question').fill(question);
    await page.locator('#board-date').fill('2027-01-10');
    await page.locator('#board-place').fill('ירושלים');
    await page.locator('#create-board').click();
    await expect(page).toHaveURL(/\/boards\/[1-9A-HJ-NP-Za-km-z]+$/);
    await expect(page.locator('h1')).toHaveText(title);
    return new URL(page.url()).pathname;
  }

  async open(path: string) {
    await this.page.goto(path);
    await expect(this.page.locator('.board-column').first()).toBeVisible();
  }

  note(text: string) {
    return this.page.locator('.note', { has: this.page.locator('.note-text', { hasText: text }) });
  }

  notes() {
    return this.page.locator('.note');
  }

  group(name: string) {
    return this.page.locator('.group', { has: this.page.locator('h3', { hasText: name }) });
  }

  async addNote(text: string) {
    await this.page.locator('#note-new').fill(text);
    await this.page.locator('#add-note').click();
    await expect(this.note(text)).toBeVisible();
  }

  async nextPhase(expected: string) {
    await this.page.locator('#phase-next').click();
    await expect(this.page.locator('.phases li.current')).toHaveText(expected);
  }

  /** Opens a note's menu by tap. */
  async menu(text: string) {
    const note = this.note(text);
    await note.locator('details.menu > summary').click();
    return note.locator('details.menu');
  }

  /** "New group from this note" by the tap menu. */
  async newGroup(text: string, name: string) {
    const menu = await this.menu(text);
    await menu.locator('.group-name').fill(name);
    await menu.locator('.group-apply').click();
    await expect(this.group(name)).toBeVisible();
  }

  /** "Add to group…" by the tap menu. */
  async addToGroup(text: string, name: string) {
    const menu = await this.menu(text);
    await menu.locator('.group-choice').selectOption({ label: name });
    await menu.locator('.group-apply').click();
    await expect(this.group(name).locator('.note-text', { hasText: text })).toBeVisible();
  }

  votesOf(unit: ReturnType<Board['note']>) {
    return unit.locator(':scope > .votes');
  }

  dotsLeft() {
    return this.page.locator('#dots-left');
  }
}
