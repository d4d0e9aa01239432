// Page object for the glossary: creating and opening entries, the definition field, the list,
// search, review actions and the status chip.
import { expect, type Page } from '@playwright/test';

export class Glossary {
  constructor(readonly page: Page) {}

  /** Creates an entry through the form; returns its id (from the deep link it opens). */
  async create(he: string, en: string, definition = ''): Promise<string> {
    await this.page.goto('/glossary/new');
    await this.page.locator('#new-term-he').fill(he);
    await this.page.locator('#new-term-en').fill(en);
    if (definition) await this.page.locator('#new-definition-he').fill(definition);
    await this.page.getByRole('button', { name: /הוספת המונח|Add the term/ }).click();
    await expect(this.page).toHaveURL(/\/glossary\/e-[0-9a-f]+$/);
    // The new entry opens to read, with the button that edits it.
    await expect(this.page.locator('#entry-edit-toggle')).toBeVisible();
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  /** Opens entry `id` from its deep link and waits for it (not the "loading" heading). A device
   * that just joined first receives the glossary from the relay: on a loaded machine that takes
   * seconds. */
  async open(id: string) {
    await this.page.goto(`/glossary/${id}`);
    await expect(this.page.locator('main h1')).not.toHaveText(/מילון מונחים|Glossary/, { timeout: 20_000 });
  }

  /** The list page. */
  async openList() {
    await this.page.goto('/glossary');
  }

  /** The Hebrew definition's text area (in the edit form: see `edit`). */
  definition() {
    return this.page.locator('#entry-definition_he');
  }

  /** A field as read (the definition, with its [[references]] as links). */
  reading(field = 'definition_he') {
    return this.page.locator(`.entry-read [data-field="${field}"]`);
  }

  /** Opens the edit form (unless it is open) with its button, and returns field `field`'s
   * control once it can be typed in. */
  async edit(field = 'definition_he') {
    const toggle = this.page.locator('#entry-edit-toggle');
    await expect(toggle).toBeVisible({ timeout: 20_000 });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const control = this.page.locator(`#entry-${field}`);
    await expect(control).toBeEditable();
    return control;
  }

  search() {
    return this.page.locator('#glossary-search');
  }

  items() {
    return this.page.locator('.entry-item');
  }

  item(id: string) {
    return this.page.locator(`.entry-item[data-entry="${id}"]`);
  }

  statusChip() {
    return this.page.locator('.entry-meta .status-chip');
  }

  action(key: 'submit' | 'approve' | 'reject' | 'restore' | 'reopen' | 'deprecate') {
    return this.page.locator(`[data-action="${key}"]`);
  }

  history() {
    return this.page.locator('.history li');
  }
}
