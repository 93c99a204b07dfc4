import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp, Modal } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { QaItemDetail } from '../../shared/api/qualityTypes';
import type { Role } from '../../shared/domain/roles';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { ReviewScreen } from '../../renderer/src/features/quality/ReviewScreen';
import {
  applyKey,
  fillRest,
  initialScoring,
  liveTotal,
  nextUnreviewed,
  scoresOf,
  setFailed,
  stepPoints,
  typeDigit,
} from '../../renderer/src/features/quality/scoring';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';
import { CALL_ID, CALL2_ID, COMPLAINT_ID, itemDetail, itemRow, MONTH, review, SCORECARD } from './qualityFixtures';

const settle = () => act(async () => {});
const key = (k: string, opts: Partial<KeyboardEventInit> = {}) => {
  fireEvent.keyDown(window, { key: k, ...opts });
};

afterEach(() => {
  setBridgeForTests(null);
  window.location.hash = '';
  useSession.setState({ phase: 'boot', session: null });
});

describe('scoring, as plain steps', () => {
  const at = (s: ReturnType<typeof initialScoring>, id: string) => s.entries[id]?.points;

  it('starts unscored (fatal items not failed), and an unscored item is left for the core to name', () => {
    const s = initialScoring(SCORECARD.items, null);
    expect(liveTotal(s)).toEqual({ score: 0, voided: false, scored: 0, of: 6, max: 100 });
    expect(scoresOf(s).map((x) => x.itemId)).toEqual(['red_leak', 'red_abuse', 'red_false_promise']);
  });

  it('digits make a number within the weight; one past it starts again', () => {
    let s = initialScoring(SCORECARD.items, null); // greeting, 15 points
    s = typeDigit(s, '1');
    s = typeDigit(s, '2');
    expect(at(s, 'greeting')).toBe(12);
    s = typeDigit(s, '7'); // 127 > 15: a new number
    expect(at(s, 'greeting')).toBe(7);
    s = applyKey(s, 'next', 'J'); // moving on forgets the digits typed
    s = typeDigit(s, '9');
    expect(at(s, 'identity')).toBe(9);
    expect(at(s, 'greeting')).toBe(7);
  });

  it('+/− step within 0..weight; an unscored item steps down from full marks', () => {
    let s = initialScoring(SCORECARD.items, null);
    s = stepPoints(s, -1);
    expect(at(s, 'greeting')).toBe(14);
    for (let i = 0; i < 5; i++) s = stepPoints(s, 1);
    expect(at(s, 'greeting')).toBe(15);
  });

  it('a failed fatal item voids the score; unticking it gives the points back', () => {
    let s = fillRest(initialScoring(SCORECARD.items, null));
    expect(liveTotal(s)).toMatchObject({ score: 100, voided: false, scored: 6 });
    s = setFailed(s, 'red_false_promise', true);
    expect(liveTotal(s)).toMatchObject({ score: 0, voided: true });
    expect(scoresOf(s).find((x) => x.itemId === 'red_false_promise')).toEqual({ itemId: 'red_false_promise', points: 0, failed: true, comment: '' });
    s = setFailed(s, 'red_false_promise', false);
    expect(liveTotal(s).score).toBe(100);
  });

  it('F and the points keys do nothing on an item they do not fit', () => {
    let s = initialScoring(SCORECARD.items, null);
    expect(applyKey(s, 'fatal', 'F')).toBe(s); // greeting is a scored item
    for (let i = 0; i < 6; i++) s = applyKey(s, 'next', 'J');
    expect(s.items[s.active]?.id).toBe('red_leak');
    expect(typeDigit(s, '5')).toBe(s);
    expect(liveTotal(applyKey(s, 'fatal', 'F')).voided).toBe(true);
  });

  it('a saved review comes back as it was scored', () => {
    const r = review({ scores: SCORECARD.items.map((i) => ({ itemId: i.id, points: i.id === 'correct' ? 20 : i.fatal ? 0 : i.weight, failed: i.id === 'red_abuse', comment: i.id === 'correct' ? '答复不完整' : '' })), comment: '总体尚可' });
    const s = initialScoring(SCORECARD.items, r);
    expect(liveTotal(s)).toMatchObject({ score: 0, voided: true, scored: 6 });
    expect(s.entries.correct).toEqual({ points: 20, failed: false, comment: '答复不完整' });
    expect(s.comment).toBe('总体尚可');
  });

  it('the next unreviewed record of the sample follows the current one and wraps round', () => {
    const items = [
      { kind: 'call', recordId: 'a', reviewId: null },
      { kind: 'call', recordId: 'b', reviewId: 'r' },
      { kind: 'complaint', recordId: 'c', reviewId: null },
    ];
    expect(nextUnreviewed(items, { kind: 'call', recordId: 'a' })?.recordId).toBe('c');
    expect(nextUnreviewed(items, { kind: 'complaint', recordId: 'c' })?.recordId).toBe('a');
    expect(nextUnreviewed([items[0]!, items[1]!], { kind: 'call', recordId: 'a' })).toBeNull();
  });
});

function mount(detail: QaItemDetail, handlers: Parameters<typeof fakeBridge>[0] = {}, { role = 'quality_inspector' as Role, readOnly = false, dialog = false } = {}) {
  useSession.setState({ phase: 'ready', session: session(role) });
  const fake = fakeBridge({
    'qa.item': () => ({ ok: true, result: detail }),
    'qa.month': () => ({
      ok: true,
      result: {
        month: MONTH,
        ratePercent: 10,
        seed: `${MONTH}/某某纺织品检验所`,
        drawnAt: '2026-11-01T01:00:00.000Z',
        drawnBy: '王小明',
        agents: [],
        items: [
          itemRow(),
          itemRow({ recordId: CALL2_ID, recordNo: 'LD-20261016-A07-0001', reviewId: 'x', score: 90 }),
          itemRow({ kind: 'complaint', recordId: COMPLAINT_ID, recordNo: 'TS-2026-0042' }),
        ],
      },
    }),
    'scorecards.active': () => ({ ok: true, result: SCORECARD }),
    ...handlers,
  });
  render(
    <AntApp>
      <ReviewScreen target={{ month: MONTH, kind: 'call', recordId: CALL_ID }} readOnly={readOnly} />
      {dialog && (
        <Modal open title="上班签到">
          …
        </Modal>
      )}
    </AntApp>,
  );
  return fake;
}

const total = () => screen.getByTestId('qa-total');
const activeItem = () => screen.getAllByTestId('qa-item').find((el) => el.getAttribute('data-active') === '1')?.getAttribute('data-item-id');

describe('the review screen', () => {
  it('shows the record as saved, its script version and recording, and where it stands in the sample', async () => {
    mount(itemDetail());
    await settle();
    const record = screen.getByTestId('qa-record');
    expect(record.textContent).toContain('LD-20261015-A07-0003');
    expect(record.textContent).toContain('询问检测报告何时出具');
    expect(screen.getByTestId('qa-recording').textContent).toBe('REC-20261015-0003.wav');
    expect(screen.getByTestId('qa-script').textContent).toContain('来电受理话术');
    expect(screen.getByTestId('qa-progress').textContent).toBe('第 1/3 条 · 未质检 2 条');
    expect(screen.getByTestId('qa-keys').textContent).toContain('Ctrl+Enter');
  });

  it('is scored from the keyboard: full marks, a deduction typed, a fatal item ticked voids it, a finding, Ctrl+Enter saves', async () => {
    let sent: Record<string, unknown> | null = null;
    const fake = mount(itemDetail(), {
      'qa.review': (p) => {
        sent = p;
        return { ok: true, result: itemDetail({ review: review({ score: 0, voided: true }) }) };
      },
    });
    await settle();
    expect(activeItem()).toBe('greeting');
    key('a'); // every unscored item full
    expect(total().getAttribute('data-score')).toBe('100');
    key('j');
    key('ArrowDown');
    key('j');
    expect(activeItem()).toBe('correct');
    key('2');
    key('0');
    expect(total().getAttribute('data-score')).toBe('95');
    key('-');
    expect(total().getAttribute('data-score')).toBe('94');
    key('k');
    expect(activeItem()).toBe('solution');
    key('ArrowUp');
    key('m'); // identity back to full marks: nothing changes
    expect(total().getAttribute('data-score')).toBe('94');

    // Digits typed into a comment are typing, not points.
    key('c');
    const comment = within(screen.getAllByTestId('qa-item').find((el) => el.getAttribute('data-item-id') === 'identity')!).getByTestId('qa-item-comment');
    expect(document.activeElement).toBe(comment);
    fireEvent.keyDown(comment, { key: '5' });
    fireEvent.change(comment, { target: { value: '第5秒才确认需求' } });
    expect(total().getAttribute('data-score')).toBe('94');
    fireEvent.keyDown(comment, { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByTestId('qa-scorecard-body'));

    for (let i = 0; i < 5; i++) key('j');
    expect(activeItem()).toBe('red_leak');
    expect(screen.queryByTestId('qa-voided')).toBeNull();
    key('f');
    expect(total().getAttribute('data-voided')).toBe('1');
    expect(total().textContent).toContain('红线否决 · 0');
    expect(screen.getByTestId('qa-voided').textContent).toBe('违反红线,本条记录得 0 分');

    key('i'); // a finding on the active item, its box focused
    const text = screen.getByTestId('qa-finding-text');
    expect(document.activeElement).toBe(text);
    fireEvent.change(text, { target: { value: '向来电人透露了其他客户的检测结果' } });

    key('Enter', { ctrlKey: true });
    await settle();
    expect(fake.of('qa.review')).toHaveLength(1);
    expect(sent).toMatchObject({ month: MONTH, kind: 'call', recordId: CALL_ID, scorecardId: SCORECARD.id, comment: '', findings: [{ itemId: 'red_leak', text: '向来电人透露了其他客户的检测结果' }] });
    const scores = (sent as unknown as { scores: { itemId: string; points: number; failed: boolean; comment: string }[] }).scores;
    expect(scores).toHaveLength(9);
    expect(scores.find((s) => s.itemId === 'correct')).toEqual({ itemId: 'correct', points: 19, failed: false, comment: '' });
    expect(scores.find((s) => s.itemId === 'identity')?.comment).toBe('第5秒才确认需求');
    expect(scores.find((s) => s.itemId === 'red_leak')).toEqual({ itemId: 'red_leak', points: 0, failed: true, comment: '' });
    expect(screen.getByTestId('qa-review').getAttribute('data-reviewed')).toBe('1');
    expect(screen.getByTestId('qa-review-state').textContent).toContain('红线否决');
  });

  it('shows every field error of a refused save beside its item, all at once', async () => {
    mount(itemDetail(), {
      'qa.review': () => ({
        ok: false,
        error: {
          code: 'invalid_params',
          message: 'the scorecard is not filled in correctly',
          fields: [
            { field: 'scores.greeting', code: 'required', message: 'not scored' },
            { field: 'scores.solution', code: 'out_of_range', message: 'at most 20 points', params: { maximum: 20 } },
            { field: 'findings.0.text', code: 'required', message: 'required' },
          ],
        },
      }),
    });
    await settle();
    fireEvent.click(screen.getByTestId('qa-add-finding'));
    fireEvent.click(screen.getByTestId('qa-save'));
    await settle();
    expect(screen.getByTestId('qa-error-greeting').textContent).toBe('此项必填');
    expect(screen.getByTestId('qa-error-solution').textContent).toBe('不能大于 20');
    expect(screen.getByTestId('qa-error-finding-0').textContent).toBe('此项必填');
    expect(screen.getByTestId('qa-save-error').textContent).toContain('填写有误');
  });

  it('N opens the next unreviewed record of the sample, asking first when scores are unsaved', async () => {
    mount(itemDetail());
    await settle();
    key('n');
    expect(window.location.hash).toBe(`#/quality/review?month=${MONTH}&kind=complaint&id=${COMPLAINT_ID}`);

    window.location.hash = '';
    key('5');
    key('n');
    await settle();
    expect(window.location.hash).toBe('');
    fireEvent.click(await screen.findByTestId('discard-ok'));
    await settle();
    expect(window.location.hash).toBe(`#/quality/review?month=${MONTH}&kind=complaint&id=${COMPLAINT_ID}`);
  });

  it('leaves the keys to a dialog open over it (the shift sign-in offer)', async () => {
    const fake = mount(itemDetail(), {}, { dialog: true });
    await settle();
    key('a');
    key('n');
    key('Enter', { ctrlKey: true });
    expect(total().getAttribute('data-score')).toBe('0');
    expect(window.location.hash).toBe('');
    expect(fake.of('qa.review')).toHaveLength(0);
  });

  it('opened by the agent it is about: read only, no keys, no save', async () => {
    const fake = mount(itemDetail({ review: review({ score: 90, comment: '答复准确,结束语不规范' }) }), {}, { role: 'agent', readOnly: true });
    await settle();
    expect(fake.of('qa.month')).toHaveLength(0);
    expect(screen.queryByTestId('qa-save')).toBeNull();
    expect(screen.queryByTestId('qa-keys')).toBeNull();
    expect(total().getAttribute('data-score')).toBe('100');
    key('5');
    key('Enter', { ctrlKey: true });
    expect(total().getAttribute('data-score')).toBe('100');
    expect(fake.of('qa.review')).toHaveLength(0);
    expect((screen.getByTestId('qa-comment') as HTMLTextAreaElement).value).toBe('答复准确,结束语不规范');
  });
});
