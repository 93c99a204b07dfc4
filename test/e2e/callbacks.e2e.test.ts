import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, startWebHost, type WebHost } from './harness';
import { AGENT, api, CUSTOMER_PHONE, logIn, logOut, ring, setUp } from './steps';

/**
 * Issue 7, must-show 1: the script on the call screen (greeting with the organisation name, steps by
 * keyboard, "question beyond the agent" → promised callback, a `::` snippet), then a callback officer
 * works the promised callback and a complaint callback, and "not satisfied" sends the complaint back
 * to handling in round 2.
 */
const OFFICER = { username: 'zhaohf', displayName: '赵回访', password: 'callback-pass-1', role: 'callback_officer' };
const ORG_NAME = '浙江省纺织品检验研究院';

let browser: Browser;
let host: WebHost;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWebHost();
  const ctx = await browser.newContext({ viewport: { width: 1680, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await ctx.newPage();
});
afterAll(async () => {
  await browser?.close();
  await host?.kill('SIGTERM');
});

async function as(user: { username: string; password: string }): Promise<void> {
  if (await page.getByTestId('logout-button').count()) await logOut(page);
  await logIn(page, user);
}

const step = () => page.getByTestId('script-panel').getAttribute('data-step');

describe('scripts on the call screen and the callback queue (issue 7)', () => {
  let complaintId = '';
  let complaintNo = '';
  let callId = '';

  it('set-up: an agent, a callback officer, a customer, and a complaint that has been handled', async () => {
    await setUp(page, host.url);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('header-user').waitFor();
    for (const u of [{ ...AGENT, role: 'agent' }, OFFICER]) await api(page, 'users.create', u);
    await api(page, 'customers.create', {
      name: '周丽',
      organisation: '杭州宏达纺织有限公司',
      address: '杭州市萧山区宁围街道 88 号',
      phones: [CUSTOMER_PHONE],
      serviceRequirements: '',
      notes: '',
    });
    const reg = (await api(page, 'complaints.register', {
      channel: 'phone',
      complainant: '周丽',
      organisation: '杭州宏达纺织有限公司',
      address: '杭州市萧山区宁围街道 88 号',
      phone: CUSTOMER_PHONE,
      problem: '报告出具比承诺时间晚了三天,影响客户交货',
      type: 'timeliness',
      severity: 'general',
    })).result as { id: string; complaintNo: string };
    complaintId = reg.id;
    complaintNo = reg.complaintNo;
    const me = (await api(page, 'auth.session', {})).result as { user: { id: string; displayName: string } };
    await api(page, 'complaints.transition', {
      id: complaintId,
      step: { action: 'assign', departments: ['纺织品检验部'], handlerId: me.user.id, handlerName: me.user.displayName },
    });
    await api(page, 'complaints.transition', {
      id: complaintId,
      step: { action: 'recordResult', investigation: '样品排队积压', result: '已调整排期并致歉', replyToCustomer: '已电话致歉并说明原因' },
    });
  });

  it('an agent answers: the greeting shows the organisation name; Alt+↓ walks the steps', async () => {
    await as(AGENT);
    await page.getByTestId('call-screen').waitFor();
    for (let i = 0; i < 5; i++) {
      await ring(host.url, '057188881234');
      if (await page.getByTestId('ringing-banner').waitFor({ timeout: 3000 }).then(() => true, () => false)) break;
    }
    await page.keyboard.press('F2');
    await page.getByTestId('record-no').waitFor();
    await page.getByTestId('script-panel').waitFor();
    expect(await step()).toBe('greeting');
    const greeting = await page.getByTestId('script-current-words').innerText();
    expect(greeting).toContain(`您好,${ORG_NAME},请问您有什么需要帮助的?`);
    await shot(page, 'k01-call-greeting-script');

    await page.keyboard.press('Alt+ArrowDown');
    expect(await step()).toBe('identify');
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowDown');
    expect(await step()).toBe('handle');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await step()).toBe('classify');
    await page.keyboard.press('Alt+ArrowDown');
    expect(await step()).toBe('handle');
  });

  it('"question beyond the agent" is one key away and creates a promised callback', async () => {
    await page.getByTestId('field-content').fill('客户询问出口欧盟的童装需做哪些偶氮染料检测项目,需查证后答复');
    await page.keyboard.press('Alt+8');
    const card = page.getByTestId('script-special-card');
    await card.waitFor();
    expect(await card.getAttribute('data-situation')).toBe('beyond_ability');
    expect(await card.innerText()).toContain('对不起,您提的问题我马上给您查一下');
    await shot(page, 'k02-special-beyond-ability');
    await page.keyboard.press('Alt+Enter');
    await page.getByTestId('promised-modal').waitFor();
    expect(await page.getByTestId('promised-subject').inputValue()).toContain('偶氮染料');
    await shot(page, 'k03-promised-callback-dialog');
    await page.getByTestId('promised-submit').click();
    await page.getByTestId('promised-modal').waitFor({ state: 'detached' });
  });

  it('typing :: in a note field offers the standard phrases; Enter inserts one', async () => {
    const content = page.getByTestId('field-content');
    await content.click();
    await content.press('End');
    await page.keyboard.type('。::cx');
    await page.getByTestId('snippet-menu').waitFor();
    await shot(page, 'k04-snippet-menu');
    await page.keyboard.press('Enter');
    await page.getByTestId('snippet-menu').waitFor({ state: 'detached' });
    const text = await content.inputValue();
    expect(text).toContain('已指导客户凭报告编号在网站自助查询检测结果');
    expect(text).not.toContain('::');
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('record-no').waitFor({ state: 'detached' });
    const list = (await api(page, 'calls.list', { mine: true })).result as { rows: { id: string }[] };
    callId = list.rows[0]!.id;
    const saved = (await api(page, 'calls.get', { id: callId })).result as {
      record: { specialSituations: string[]; content: string; scriptVersionId: string | null; promisedReplyBy: string | null };
    };
    expect(saved.record.specialSituations).toContain('beyond_ability');
    expect(saved.record.content).toContain('已指导客户凭报告编号');
    expect(saved.record.scriptVersionId).not.toBeNull();
    expect(saved.record.promisedReplyBy).not.toBeNull();
  });

  it('the callback officer lands on the queue: the promised and the complaint callback, by due time', async () => {
    await as(OFFICER);
    await page.getByTestId('callback-table').waitFor();
    const rows = page.getByTestId('callback-row');
    await rows.nth(1).waitFor();
    const kinds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['promised', 'complaint']));
    await shot(page, 'k05-callback-queue');
  });

  it('works the promised callback: the callback script introduces the officer by surname', async () => {
    await page.locator('[data-testid="callback-row"][data-kind="promised"] td').first().click();
    await page.getByTestId('callback-screen').waitFor();
    expect(await page.getByTestId('callback-script').innerText()).toContain(`我是${ORG_NAME}客户服务中心回访员,我姓赵`);
    await page.getByTestId('outcome-satisfaction').getByText('满意', { exact: true }).click();
    await page.getByTestId('outcome-score').locator('li').nth(4).click();
    await page.getByTestId('outcome-accuracy').getByText('满意', { exact: true }).click();
    await shot(page, 'k06-promised-callback-outcome');
    await page.getByTestId('outcome-submit').click();
    await page.getByTestId('outcome-view').waitFor();
    expect(await page.getByTestId('outcome-view-satisfaction').innerText()).toContain('满意');
  });

  it('works the complaint callback and records "not satisfied": the complaint goes back to handling, round 2', async () => {
    await page.getByTestId('nav-callbacks').click();
    await page.getByTestId('callback-table').waitFor();
    await shot(page, 'k07-queue-after-promised');
    // The due-time cell: the middle of the row holds the link to the complaint itself.
    await page.locator('[data-testid="callback-row"][data-kind="complaint"] td').first().click();
    await page.getByTestId('callback-screen').waitFor();
    expect(await page.getByTestId('callback-complaint').innerText()).toContain(complaintNo);
    await page.getByTestId('outcome-satisfaction').getByText('不满意', { exact: true }).click();
    await page.getByTestId('outcome-unsatisfied-warn').waitFor();
    await page.getByTestId('outcome-score').locator('li').nth(1).click();
    await page.getByTestId('outcome-remainingProblems').fill('客户认为致歉不够,要求减免本次检测费用');
    await page.getByTestId('outcome-submit').click();
    await page.getByTestId('complaint-reopened').waitFor();
    expect(await page.getByTestId('complaint-reopened').innerText()).toMatch(/第\s*2\s*轮/);
    await shot(page, 'k08-complaint-callback-not-satisfied');

    await page.getByTestId('complaint-reopened-link').click();
    await page.locator('[data-testid="complaint-sheet"][data-status="in_handling"][data-round="2"]').waitFor();
    await shot(page, 'k09-complaint-round-2');
    const detail = (await api(page, 'complaints.get', { id: complaintId })).result as { complaint: { status: string; round: number } };
    expect(detail.complaint).toMatchObject({ status: 'in_handling', round: 2 });
  });
});
