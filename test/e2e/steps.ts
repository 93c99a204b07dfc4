import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
export const AGENT = { username: 'lixm', displayName: '李晓梅', password: 'agent-pass-1' };
export const CUSTOMER_PHONE = '0571-8888 1234';

/** Keyboard only: Tab until the element with this test id (or something inside it) has focus. */
export async function tabTo(page: Page, testId: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    const inside = await page.evaluate((id) => {
      const el = document.activeElement;
      return !!el && (el.getAttribute('data-testid') === id || !!el.closest(`[data-testid="${id}"]`));
    }, testId);
    if (inside) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

export async function setUp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('setup-form').waitFor();
  const fill = async (k: string, v: string) => page.getByTestId(`setup-${k}`).fill(v);
  await fill('organisationName', '浙江省纺织品检验研究院');
  await fill('hotline', '0571-86801234');
  await fill('areaCode', '0571');
  await fill('workstation', 'A07');
  await fill('username', ADMIN.username);
  await fill('displayName', ADMIN.displayName);
  await fill('password', ADMIN.password);
  await fill('passwordConfirm', ADMIN.password);
}

/**
 * Logs in from the keyboard. The first login of a shift day offers to sign in for the shift (考勤): the
 * offer is skipped (Esc) unless `keepSignInOffer`, for the tests that answer it themselves.
 */
export async function logIn(page: Page, user: { username: string; password: string }, { keepSignInOffer = false } = {}): Promise<void> {
  await page.getByTestId('login-username').waitFor();
  await page.getByTestId('login-username').focus();
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await page.getByTestId('header-user').waitFor();
  // Set once the console knows whether to offer the sign-in (administrators are never asked).
  await page.getByTestId('signin-prompt-checked').waitFor({ state: 'attached' });
  const offer = page.getByTestId('signin-dialog-body');
  if (!keepSignInOffer && (await offer.isVisible())) {
    await page.keyboard.press('Escape');
    await offer.waitFor({ state: 'detached' });
  }
}

export async function api(page: Page, method: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: unknown }> {
  const env = await page.evaluate(
    async ([m, p]) => {
      const res = await fetch(`/rpc/${m}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotline': '1' }, body: JSON.stringify(p) });
      return res.json();
    },
    [method, params] as const,
  );
  expect(env.ok, `${method}: ${JSON.stringify(env.error)}`).toBe(true);
  return env;
}

export async function ring(url: string, number: string): Promise<void> {
  const res = await fetch(`${url}/cti/incoming`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number }) });
  expect(res.ok).toBe(true);
}

export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-username').waitFor();
}

/** An antd Select (single or multiple) by its test id: open it, click the option with this label. */
export async function pickOption(page: Page, testId: string, label: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first().click();
}

/** An antd DatePicker by the test id on its input: type the value, Enter commits it. */
export async function fillDate(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}
