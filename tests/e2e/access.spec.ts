// Invitations and devices as an admin and a member meet them: an invitation named for its
// meeting, created and revoked with words said and focus kept; a revoke that asks first (and
// warns when it is this device's own); one person on two devices as one member, by a link that
// works once; the relay's refusals in the interface's language.
import { test, expect } from './fixtures';
import { Member, token, inviteId } from './community';
import { startRelay } from './relay';
import { Shell } from './shell';
import * as path from 'node:path';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'artifacts', 'screenshots');

test('an admin names an invitation, hears it made, and revokes it after a confirmation', async ({ people, baseURL }, info) => {
  const a = await people.admin();
  const page = a.member.page;
  const name = token('לפגישה של 5 בינואר ');
  await page.locator('#invite-label').fill(name);
  const link = await a.member.createInvite('member');
  await expect(page.locator('#invites-said')).toContainText(name);
  await expect(page.locator('#invite-link')).toBeFocused();
  const row = page.locator(`.invite[data-invite="${inviteId(link)}"]`);
  await expect(row.locator('.invite-name')).toHaveText(name);
  // The label field is empty for the next one.
  await expect(page.locator('#invite-label')).toHaveValue('');

  // Revoke asks first, focus on the safe answer; "keep" changes nothing and returns focus.
  const revoke = row.locator('[data-action="revoke"]');
  await revoke.click();
  await expect(page.locator('#revoke-question')).toContainText(name);
  await expect(page.locator('#revoke-no')).toBeFocused();
  if (info.project.name === 'phone') {
    await page.setViewportSize({ width: 360, height: 780 });
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'invite-revoke-phone360-he.png') });
    await page.setViewportSize({ width: 390, height: 844 });
  }
  await new Shell(page, baseURL!).expectAccessible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#revoke-question')).toHaveCount(0);
  await expect(revoke).toBeFocused();
  await expect(row).toHaveAttribute('data-revoked', 'false');
  await revoke.click();
  await page.locator('#revoke-yes').click();
  await expect(row).toHaveAttribute('data-revoked', 'true');
  await expect(page.locator('#invites-said')).toContainText('בוטלה');
  await expect(page.locator('#invites-list-heading')).toBeFocused();
  // The invitation this device joined with is marked, and revoking it warns of that.
  const own = page.locator('.invite[data-mine="true"]');
  await expect(own.locator('.invite-yours')).toBeVisible();
  await own.locator('[data-action="revoke"]').click();
  await expect(page.locator('#revoke-question')).toContainText('ינתק גם אותך');
  await page.locator('#revoke-no').click();
  expect(a.member.consoleErrors).toEqual([]);
});

test('an admin who revokes their own invitation is told, in their language, that their access ended', async ({ people }) => {
  const relay = await startRelay([]);
  try {
    const a = await people.admin({ baseURL: relay.url, invite: relay.adminInvite });
    const page = a.member.page;
    await page.locator('header button.language-switch').click();
    const own = page.locator('.invite[data-mine="true"]');
    await own.locator('[data-action="revoke"]').click();
    await expect(page.locator('#revoke-question')).toContainText('signs you out too');
    await page.locator('#revoke-yes').click();
    await expect(page.locator('.notice-error')).toContainText('Your access to this community has ended');
    await expect(page.locator('main')).not.toContainText('invalid or expired');
  } finally {
    await relay.stop();
  }
});

test('one person on two devices is one member: a link from Settings carries who they are, once', async ({ people, baseURL }, info) => {
  const a = await people.admin();
  const phone = await people.invite(a.member, 'member', token('דנה-'));
  const page = phone.member.page;
  await page.locator('#device-create').click();
  const field = page.locator('#device-link');
  await expect(field).toBeFocused();
  await expect(page.locator('#device-said')).toContainText('בתוקף עד');
  const link = await field.inputValue();
  expect(link).toMatch(/#invite=[^&]+&member=m-[0-9a-f]{24}&name=/);
  if (info.project.name === 'phone') {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.locator('#device-heading').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'device-link-phone360-he.png') });
    await page.setViewportSize({ width: 390, height: 844 });
  }
  const me = await page.evaluate(() => localStorage.getItem('kehila.member'));

  // The other device: no name to choose, the same member id, the same name in the list once.
  const laptop = await people.device();
  const other = new Member(await laptop.newPage(), baseURL!);
  await other.page.goto(new URL(link).pathname + new URL(link).hash);
  await expect(other.page).not.toHaveURL(/invite=/);
  await expect(other.page.locator('#welcome-heading')).toContainText(phone.member.name);
  await expect(other.page.locator('#name-prompt-input')).toHaveCount(0);
  expect(await other.page.evaluate(() => localStorage.getItem('kehila.member'))).toBe(me);
  await other.openCommunity();
  await expect(other.page.locator('.member-name', { hasText: phone.member.name })).toHaveCount(1);
  await expect(page.locator('.member-name', { hasText: phone.member.name })).toHaveCount(1);

  // Once only: a third device hears why, in its language.
  const third = await (await people.device()).newPage();
  await third.goto(new URL(link).pathname + new URL(link).hash);
  await expect(third.locator('.notice-error')).toContainText('בקישור הזה כבר השתמשו');
  expect(phone.member.consoleErrors).toEqual([]);
  expect(other.consoleErrors.filter((e) => !e.includes('410'))).toEqual([]);
});
