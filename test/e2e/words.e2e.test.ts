import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, startWebHost, type WebHost } from './harness';
import { ADMIN, AGENT, api, logIn, logOut, setUp } from './steps';

/**
 * Words a user can act on, in Chromium on a Chinese screen: in each failure case of issue 14 the
 * message says what happened and what to do in Chinese, and no English sentence from the core shows.
 * The page's visible text is scanned for English words (three letters or more) outside data: what
 * the user typed or the records hold ([data-data], inputs, textareas), the language switch, the
 * keyboard hints (Ctrl+S) and the usernames this test made.
 */
let browser: Browser;
let host: WebHost;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWebHost();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await host?.kill('SIGTERM');
});

/**
 * Data and names this test typed, which may show as text (a user table, the header), and the two
 * product words the interface shows on purpose (中心服务器 (Hub), the English switch, the http:// of an address).
 */
const DATA_WORDS = new Set([ADMIN.username, AGENT.username, 'Ctrl', 'English', 'Hub', 'http', 'https']);

function englishOutsideData(p: Page, allowed: string[]): Promise<string[]> {
  return p.evaluate((allow) => {
    const out: string[] = [];
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true;
    const exempt = (el: Element) => !!el.closest('[data-data], [data-testid="lang-switch"], textarea, kbd, .hidden-under-print, script, style, noscript');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').replace(/https?:\/\/\S+/g, '');
      if (!el || exempt(el) || !visible(el)) continue;
      const words = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allow.includes(w));
      if (words.length) out.push(`${words.join(' ')} — "${text.trim().slice(0, 80)}" in ${el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.tagName}`);
    }
    return [...new Set(out)];
  }, allowed);
}

async function noEnglish(where: string): Promise<void> {
  await page.waitForTimeout(300);
  const found = await englishOutsideData(page, [...DATA_WORDS]);
  expect(found, where).toEqual([]);
}

const text = (testId: string) => page.getByTestId(testId).first().innerText();

describe('no English sentence on a Chinese screen, in the failure cases of issue 14', () => {
  it('first-run set-up: every problem in one round, in Chinese (the hotline "hotline" included)', async () => {
    await page.goto(host.url);
    await page.getByTestId('setup-form').waitFor();
    await page.getByTestId('setup-hotline').fill('hotline');
    await page.getByTestId('setup-password').fill('short');
    await page.getByTestId('setup-passwordConfirm').fill('other');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('field-error-hotline').waitFor();
    expect(await text('field-error-hotline')).toContain('服务热线只能由数字组成');
    expect(await page.locator('[data-testid^="field-error-"]').count()).toBe(7);
    await shot(page, 'words-01-setup-all-errors');
    await noEnglish('set-up');
  });

  it('a duplicate username says so beside the username; the last administrator says why', async () => {
    await setUp(page, host.url);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('header-user').waitFor();
    await api(page, 'users.create', { ...AGENT, role: 'agent' });
    await page.getByTestId('nav-settings').click();
    await page.getByRole('tab', { name: '用户' }).click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill(AGENT.username);
    await page.getByTestId('user-displayName').fill('另一位');
    await page.getByTestId('user-password').fill('another-pass-1');
    await page.getByTestId('user-save').click();
    await page.getByTestId('field-error-username').waitFor();
    expect(await text('field-error-username')).toBe('该用户名已被使用,请换一个');
    await shot(page, 'words-02-duplicate-username');
    await noEnglish('duplicate username');
    await page.getByTestId('user-form').locator('..').getByRole('button', { name: /取\s*消/ }).first().click({ timeout: 5000 }).catch(() => page.keyboard.press('Escape'));
    await page.getByTestId('user-form').waitFor({ state: 'detached' });

    await page.getByTestId(`user-edit-${ADMIN.username}`).click();
    await page.getByTestId('user-active').click();
    await page.getByTestId('user-save').click();
    const msg = page.locator('.ant-message-notice').filter({ hasText: '管理员' });
    await msg.first().waitFor();
    expect(await msg.first().innerText()).toMatch(/最后一位在用的管理员|请由另一位管理员操作/);
    await noEnglish('last administrator');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-form').waitFor({ state: 'detached' });
  });

  it('the hub unreachable: the join form and the card say it in Chinese, not "unreachable: fetch failed"', async () => {
    await page.getByTestId('hub-url').fill('http://127.0.0.1:9');
    await page.getByTestId('hub-username').fill('admin');
    await page.getByTestId('hub-password').fill('whatever-pass');
    await page.getByTestId('hub-join').click();
    await page.getByTestId('hub-error').waitFor({ timeout: 20_000 });
    expect(await text('hub-error')).toMatch(/中心服务器/);
    await shot(page, 'words-03-hub-unreachable');
    await noEnglish('hub unreachable');
  });

  it('a customer without a phone is asked for one; 登记投诉 with the phone 12-abc is refused beside the phone', async () => {
    await logOut(page);
    await logIn(page, AGENT);
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-new').click();
    await page.getByTestId('customer-name').fill('周丽');
    await page.getByTestId('customer-save').click();
    const err = page.locator('[data-testid^="field-error-phones"]');
    await err.first().waitFor();
    expect(await err.first().innerText()).toBe('请至少填写一个电话号码');
    await shot(page, 'words-04-customer-no-phone');
    await noEnglish('customer without a phone');
    // Closing the drawer with typing asks first (no lost typing): 放弃 closes it.
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-ok').click();
    await page.getByTestId('customer-form').waitFor({ state: 'detached' });

    await page.getByTestId('nav-complaints').click();
    await page.getByTestId('complaint-new-button').click();
    await page.getByTestId('complaint-complainant').fill('周丽');
    await page.getByTestId('complaint-phone').fill('12-abc');
    await page.getByTestId('complaint-register').click();
    await page.getByTestId('complaint-error-phone').waitFor();
    expect(await text('complaint-error-phone')).toContain('不是有效的电话号码');
    expect(await text('complaint-error-problem')).toBe('请填写投诉问题');
    await shot(page, 'words-05-complaint-phone');
    await noEnglish('登记投诉');

    // Esc with typing asks first; 继续填写 keeps what was typed.
    await page.keyboard.press('Escape');
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '放弃未保存的内容？' });
    await ask.first().waitFor();
    expect(await ask.count()).toBe(1);
    await page.getByTestId('discard-cancel').click();
    expect(await page.getByTestId('complaint-complainant').inputValue()).toBe('周丽');
  });
});
