import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';
import { launchChromium, shot, startWebHost, type WebHost } from './harness';
import { ADMIN, AGENT, api, logIn, ring, setUp } from './steps';

/**
 * Issue 12: an administrator on workstation A opens 设置 → 审计日志, filters by a customer, and sees the
 * screen pop an agent had on workstation B, which reached A through the hub; the chain check shows both
 * workstations intact.
 */

let browser: Browser;
let hub: HubProcess;
let hostA: WebHost;
let hostB: WebHost;
let pageA: Page;
let pageB: Page;
const PHONE = '0571-8899 0011';

beforeAll(async () => {
  browser = await launchChromium();
  hub = await startHubProcess();
  [hostA, hostB] = await Promise.all([startWebHost(), startWebHost()]);
  const ctx = () => browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  pageA = await (await ctx()).newPage();
  pageB = await (await ctx()).newPage();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hostA?.kill('SIGTERM'), hostB?.kill('SIGTERM')]);
  await hub?.stop();
});

describe('the audit viewer', () => {
  it('an agent on workstation B gets a screen pop of a customer that A created', async () => {
    await setUp(pageA, hostA.url);
    await pageA.getByTestId('setup-submit').click();
    await pageA.getByTestId('header-user').waitFor();
    await api(pageA, 'users.create', { ...AGENT, role: 'agent' });
    await api(pageA, 'customers.create', { name: '孙丽华', organisation: '杭州明珠纺织有限公司', address: '', phones: [PHONE], serviceRequirements: '', notes: '' });
    await api(pageA, 'sync.join', { hubUrl: hub.url, username: ADMIN.username, password: ADMIN.password, setupCode: TEST_SETUP_CODE });
    await api(pageA, 'sync.now', {});

    await setUp(pageB, hostB.url);
    await pageB.getByTestId('setup-workstation').fill('B02');
    await pageB.getByTestId('setup-submit').click();
    await pageB.getByTestId('header-user').waitFor();
    await api(pageB, 'sync.join', { hubUrl: hub.url, username: ADMIN.username, password: ADMIN.password });
    await pageB.getByTestId('logout-button').click();
    await logIn(pageB, AGENT);
    await api(pageB, 'sync.now', {});
    await ring(hostB.url, '057188990011');
    await pageB.getByTestId('screen-pop').getByText('孙丽华').first().waitFor({ timeout: 15_000 });
    await shot(pageB, 'a01-workstation-b-screen-pop');
    await api(pageB, 'sync.now', {});
  });

  it('the administrator on A filters the audit log by that customer and sees B’s lookup', async () => {
    await pageA.getByTestId('nav-settings').click();
    await pageA.getByTestId('settings-tab-audit').click();
    await pageA.getByTestId('audit-panel').waitFor();
    await pageA.getByTestId('audit-filter-customer').click();
    await pageA.keyboard.type('孙丽华');
    await pageA.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '孙丽华' }).first().click();
    await pageA.getByTestId('audit-search').click();

    const table = pageA.getByTestId('audit-table');
    const fromB = table.locator('tbody tr').filter({ hasText: 'B02' });
    await fromB.first().waitFor({ timeout: 15_000 });
    const text = await fromB.first().innerText();
    expect(text).toContain(AGENT.displayName);
    expect(text).toContain('孙丽华');
    expect(text).toMatch(/来电弹屏|查看/);
    // Only rows about this customer.
    for (const row of await table.locator('tbody tr.ant-table-row').all()) expect(await row.innerText()).toContain('孙丽华');
    await expect.poll(() => pageA.getByTestId('audit-source').innerText()).toContain('中心服务器');
    await pageA.getByTestId('audit-chain-B02').waitFor();
    expect(await pageA.getByTestId('audit-chain-B02').innerText()).toContain('完整');
    await shot(pageA, 'a02-audit-viewer-by-customer');
  });

  it('exports the filtered rows, and the export itself appears in the log', async () => {
    const download = pageA.waitForEvent('download');
    await pageA.getByTestId('audit-export').click();
    expect((await download).suggestedFilename()).toMatch(/^审计日志-\d{12}\.xlsx$/);
    await pageA.getByTestId('audit-filter-customer').locator('.ant-select-clear').click({ force: true });
    await pageA.getByTestId('audit-search').click();
    await pageA.getByTestId('audit-table').locator('tbody tr').filter({ hasText: '导出' }).first().waitFor({ timeout: 15_000 });
    await shot(pageA, 'a03-audit-viewer-export-audited');
  });
});
