import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, startWebHost, type WebHost } from './harness';
import { ADMIN, AGENT, api, CUSTOMER_PHONE, logIn, ring, setUp, tabTo } from './steps';

let browser: Browser;
let host: WebHost;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWebHost();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await host?.kill('SIGTERM');
});

describe('an agent takes a call, end to end (annex 1)', () => {
  let recordNo = '';

  it('first-run set-up, then the administrator adds an agent and a customer', async () => {
    await setUp(page, host.url);
    await shot(page, '01-first-run-setup');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('header-user').waitFor();
    expect(await page.getByTestId('header-org').innerText()).toContain('浙江省纺织品检验研究院');
    await api(page, 'users.create', { ...AGENT, role: 'agent' });
    await api(page, 'customers.create', {
      name: '周丽',
      organisation: '杭州宏达纺织有限公司',
      address: '杭州市萧山区宁围街道 88 号',
      phones: [CUSTOMER_PHONE],
      serviceRequirements: '报告需加急',
      notes: '',
    });
    await page.getByTestId('logout-button').click();
  });

  it('logs in as the agent with the keyboard', async () => {
    await page.getByTestId('login-form').waitFor();
    await shot(page, '02-login');
    await logIn(page, AGENT);
    expect(await page.getByTestId('header-user').innerText()).toContain(AGENT.displayName);
  });

  it('a known number rings: the banner and screen pop show the customer; F2 answers', async () => {
    await page.getByTestId('call-screen').waitFor();
    await ring(host.url, '057188881234');
    await page.getByTestId('ringing-banner').waitFor();
    await page.getByTestId('screen-pop').getByText('周丽').first().waitFor();
    await shot(page, '03-ringing-screen-pop');
    await page.keyboard.press('F2');
    await page.getByTestId('record-no').waitFor();
    recordNo = (await page.getByTestId('record-no').innerText()).trim();
    expect(recordNo).toMatch(/^LD-\d{8}-A07-0001$/);
    expect(await page.getByTestId('field-callerName').inputValue()).toBe('周丽');
    expect(await page.getByTestId('customer-card').innerText()).toContain('杭州宏达纺织有限公司');
  });

  it('fills the call-record sheet with the keyboard only and ends the call', async () => {
    await page.keyboard.press('Alt+2');
    await tabTo(page, 'field-reportNo');
    await page.keyboard.type('ZJ2026110588');
    await tabTo(page, 'field-content');
    await page.keyboard.type('查询检测报告出具进度,告知预计周五出具');
    await tabTo(page, 'field-suggestions');
    await page.keyboard.type('希望能短信通知');
    await page.getByTestId('autosave-status').getByText(/草稿/).waitFor();
    await shot(page, '04-form-filled');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('call-form').getByText('已结束').or(page.getByText('已完结')).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    const saved = (await api(page, 'calls.list', { q: recordNo })).result as { rows: { category: string; status: string; content: string }[] };
    expect(saved.rows[0]).toMatchObject({ category: 'query', status: 'closed', content: '查询检测报告出具进度,告知预计周五出具' });
    await shot(page, '05-call-ended');
  });

  it('finds the record in the call list by its number', async () => {
    await page.getByRole('menuitem', { name: /来电记录/ }).click();
    await page.getByTestId('call-list-search').fill(recordNo);
    await page.keyboard.press('Enter');
    await page.getByTestId('call-list-table').getByText(recordNo).waitFor();
    expect(await page.getByTestId('call-list-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(page, '06-call-list');
  });

  it('reopens and edits it; the history shows both versions', async () => {
    await page.getByTestId('call-list-table').getByText(recordNo).click();
    await page.getByTestId('call-detail').waitFor();
    const content = page.getByTestId('call-detail').getByTestId('field-content');
    await content.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(';已短信告知客户');
    await page.keyboard.press('Control+s');
    await page.getByText('来电记录已保存').first().waitFor();
    await page.getByRole('tab', { name: /修改历史/ }).click();
    await page.getByTestId('history-timeline').getByText(/已短信告知客户/).first().waitFor();
    const history = await page.getByTestId('history-timeline').innerText();
    expect(history).toContain('查询检测报告出具进度,告知预计周五出具');
    expect(history).toContain('查询检测报告出具进度,告知预计周五出具;已短信告知客户');
    await shot(page, '07-edited-history');
  });

  it('voids it with a reason; it is kept, marked void, and no longer editable', async () => {
    await page.getByTestId('void-button').click();
    await page.getByTestId('void-reason').fill('客户重复来电,已在另一记录中登记');
    await page.getByTestId('void-confirm').click();
    await page.getByTestId('voided-tag').first().waitFor();
    await shot(page, '08-voided');
    const list = (await api(page, 'calls.list', { q: recordNo, includeVoided: true })).result as { rows: { voided: boolean }[] };
    expect(list.rows).toEqual([expect.objectContaining({ voided: true })]);
    await expect(page.getByTestId('save-button').count()).resolves.toBe(0);
  });

  it('the administrator remains able to log in (sanity of sessions across users)', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('call-detail').waitFor({ state: 'hidden' });
    await page.getByTestId('logout-button').click();
    await logIn(page, ADMIN);
  });
});
