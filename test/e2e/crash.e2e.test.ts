import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, startWebHost, type WebHost } from './harness';
import { AGENT, api, logIn, setUp } from './steps';

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

const TEXT = '客户反映收到的检测报告中色牢度数据与自测结果差异较大,要求说明检测方法和依据的标准,并希望尽快安排复检,联系人周女士,工作日均可来电';

describe('a power cut while the agent is typing', () => {
  it('loses at most the last second of the draft', async () => {
    await setUp(page, host.url);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('header-user').waitFor();
    await api(page, 'users.create', { ...AGENT, role: 'agent' });
    await page.getByTestId('logout-button').click();
    await logIn(page, AGENT);

    await page.getByTestId('answer-phone').fill('13912345678');
    await page.keyboard.press('F2');
    await page.getByTestId('record-no').waitFor();
    await page.getByTestId('field-content').focus();

    // Type steadily, as an agent does while listening, and pull the plug mid-sentence.
    const typedAt: number[] = [];
    let killedAt = 0;
    for (const [i, ch] of [...TEXT].entries()) {
      await page.keyboard.type(ch);
      typedAt.push(Date.now());
      if (i === 45) {
        await host.kill('SIGKILL');
        killedAt = Date.now();
        break;
      }
      await page.waitForTimeout(60);
    }
    const mustHave = typedAt.filter((t) => t <= killedAt - 1000).length;
    expect(mustHave).toBeGreaterThan(20);

    await host.restart();
    await page.goto(host.url);
    // The session survives the restart (it is in the store); log in again only if it did not.
    await page.getByTestId('header-user').or(page.getByTestId('login-form')).first().waitFor();
    if (await page.getByTestId('login-form').isVisible()) await logIn(page, AGENT);
    await page.getByTestId('draft-restored').waitFor({ timeout: 15_000 });
    const restored = await page.getByTestId('field-content').inputValue();
    await shot(page, '09-draft-restored-after-sigkill');
    expect(TEXT.startsWith(restored)).toBe(true);
    expect(restored.length).toBeGreaterThanOrEqual(mustHave);
  });
});
