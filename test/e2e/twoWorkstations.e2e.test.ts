import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';
import { launchChromium, shot, startWebHost, type WebHost } from './harness';
import { ADMIN, AGENT, api, logIn, setUp } from './steps';

const LEAD = { username: 'zhangzz', displayName: '张组长', password: 'lead-pass-1' };

let browser: Browser;
let hub: HubProcess;
let hostA: WebHost;
let hostB: WebHost;
let pageA: Page;
let pageB: Page;

beforeAll(async () => {
  browser = await launchChromium();
  hub = await startHubProcess();
  [hostA, hostB] = await Promise.all([startWebHost(), startWebHost()]);
  const ctx = () => browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  pageA = await (await ctx()).newPage();
  pageB = await (await ctx()).newPage();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hostA?.kill('SIGTERM'), hostB?.kill('SIGTERM')]);
  await hub?.stop();
});

describe('two workstations and a hub', () => {
  it('joins workstation A (seeding the hub) and workstation B', async () => {
    await setUp(pageA, hostA.url);
    await pageA.getByTestId('setup-submit').click();
    await pageA.getByTestId('header-user').waitFor();
    await api(pageA, 'users.create', { ...AGENT, role: 'agent' });
    await api(pageA, 'users.create', { ...LEAD, role: 'team_lead' });
    await api(pageA, 'sync.join', { hubUrl: hub.url, username: ADMIN.username, password: ADMIN.password, setupCode: TEST_SETUP_CODE });

    await setUp(pageB, hostB.url);
    await pageB.getByTestId('setup-workstation').fill('B02');
    await pageB.getByTestId('setup-submit').click();
    await pageB.getByTestId('header-user').waitFor();
    await api(pageB, 'sync.join', { hubUrl: hub.url, username: ADMIN.username, password: ADMIN.password });
    await pageB.getByTestId('logout-button').click();
    await logIn(pageB, LEAD);
    await pageB.getByRole('menuitem', { name: /来电记录/ }).click();
    await pageB.getByTestId('call-list-table').waitFor();
  });

  it('an agent on A saves a call record; the lead on B sees it appear without reloading', async () => {
    await pageA.getByTestId('logout-button').click();
    await logIn(pageA, AGENT);
    await pageA.getByTestId('answer-phone').fill('13912345678');
    await pageA.keyboard.press('F2');
    await pageA.getByTestId('record-no').waitFor();
    const recordNo = (await pageA.getByTestId('record-no').innerText()).trim();
    await pageA.keyboard.press('Alt+1');
    await pageA.getByTestId('field-callerName').fill('孙先生');
    await pageA.getByTestId('field-content').fill('咨询婴幼儿服装 A 类检测要求');
    const saved = Date.now();
    await pageA.keyboard.press('Control+Enter');
    await shot(pageA, '10-workstation-a-saved');

    await pageB.getByTestId('call-list-table').getByText(recordNo).waitFor({ timeout: 15_000 });
    const seenAfterMs = Date.now() - saved;
    console.log(`two workstations: B showed ${recordNo} ${seenAfterMs} ms after A saved`);
    expect(await pageB.getByTestId('call-list-table').innerText()).toContain('孙先生');
    await shot(pageB, '11-workstation-b-sees-it');
  });
});
