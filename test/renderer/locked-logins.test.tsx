import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardSummary, LockedLogin } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { BoardPage } from '../../renderer/src/features/tracking/BoardPage';
import { setLanguage } from '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** Issue 12, "Locks": the lead lifts a login lock from the board (users.locked, users.unlock). */

const settle = () => act(async () => {});

const summary: BoardSummary = {
  asOf: '2026-11-22T03:00:00.000Z',
  dayStart: '2026-11-21T16:00:00.000Z',
  dayEnd: '2026-11-22T15:59:59.999Z',
  monthStart: '2026-10-31T16:00:00.000Z',
  callsToday: 0,
  answeredLateToday: 0,
  openBySeverity: { general: 0, major: 0, crisis: 0 },
  overdueComplaints: 0,
  escalationsOverdue: 0,
  majorNotReported: 0,
  callbacksDue: 0,
  callbacksOverdue: 0,
  findingsOverdue: null,
  handoversOpen: null,
  satisfaction: { calls: 0, average: null, callbacks: { satisfied: 0, fairly_satisfied: 0, unsatisfied: 0 } },
};

const AGENT: LockedLogin = { id: '01a20584-06f7-7129-91b2-27fa7cfc5475', username: 'agent1', displayName: '李晓梅', role: 'agent', failures: 10, lockedUntil: '2026-11-22T03:30:00.000Z' };
const SLOWED: LockedLogin = { id: '01a20584-06f7-7129-91b2-27fa7cfc5476', username: 'agent2', displayName: '赵建国', role: 'agent', failures: 4, lockedUntil: null };

afterEach(async () => {
  setBridgeForTests(null);
  await act(() => setLanguage('zh'));
});

/** The board as a lead sees it, with `locked` as the core's list (changed by the test as the core would). */
function board(list: { locked: LockedLogin[] }, unlock: (p: Record<string, unknown>) => unknown = () => ({ ok: true, result: { unlocked: true } })) {
  useSession.setState({ phase: 'ready', session: session('team_lead') });
  const fake = fakeBridge({
    'board.summary': () => ({ ok: true, result: summary }),
    'users.locked': () => ({ ok: true, result: list.locked }),
    'users.unlock': (p) => {
      list.locked = list.locked.filter((u) => u.id !== p.id);
      return unlock(p);
    },
  });
  render(
    <AntApp>
      <BoardPage />
    </AntApp>,
  );
  return fake;
}

describe('locked logins on the board', () => {
  it('shows no card while nothing is locked', async () => {
    const fake = board({ locked: [] });
    await settle();
    expect(screen.getByTestId('board-page')).toBeTruthy();
    expect(fake.of('users.locked')).toHaveLength(1);
    expect(screen.queryByTestId('board-locked-logins')).toBeNull();
  });

  it('lists a locked and a slowed login; 解除锁定 calls users.unlock, says so and refreshes the card away', async () => {
    const list = { locked: [AGENT, SLOWED] };
    const fake = board(list);
    await settle();
    const card = screen.getByTestId('board-locked-logins');
    expect(card.textContent).toContain('登录已锁定的账号');
    const row = screen.getByTestId('locked-login-agent1');
    expect(row.textContent).toContain('李晓梅');
    expect(row.textContent).toContain('锁定至');
    expect(screen.getByTestId('locked-login-agent2').textContent).toContain('连续输错 4 次');
    // Names are data, not interface words: the English-screen check skips them.
    expect(screen.getByText('李晓梅').closest('[data-data]')).not.toBeNull();

    fireEvent.click(screen.getByTestId('locked-login-unlock-agent1'));
    await settle();
    expect(fake.of('users.unlock').map((c) => c.params)).toEqual([{ id: AGENT.id }]);
    expect(await screen.findByText('已解除登录锁定')).toBeTruthy();
    expect(screen.queryByTestId('locked-login-agent1')).toBeNull();

    fireEvent.click(screen.getByTestId('locked-login-unlock-agent2'));
    await settle();
    expect(screen.queryByTestId('board-locked-logins')).toBeNull();
  });

  it('asks again when a user record changes, and shows a refused unlock in words', async () => {
    const list = { locked: [] as LockedLogin[] };
    const fake = board(list, () => ({ ok: false, error: { code: 'forbidden', message: 'role agent may not call users.unlock' } }));
    await settle();
    list.locked = [AGENT];
    act(() => fake.emit('records.changed', { entity: 'user', ids: [AGENT.id] }));
    await settle();
    expect(fake.of('users.locked')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('locked-login-unlock-agent1'));
    await settle();
    expect(await screen.findByText('您没有执行此操作的权限')).toBeTruthy();
  });

  it('speaks English on an English screen', async () => {
    await act(() => setLanguage('en'));
    board({ locked: [AGENT] });
    await settle();
    expect(screen.getByTestId('board-locked-logins').textContent).toContain('Locked logins');
    expect(screen.getByTestId('locked-login-unlock-agent1').textContent).toBe('Unlock');
    expect(screen.getByTestId('locked-login-agent1').textContent).toContain('Locked until');
    fireEvent.click(screen.getByTestId('locked-login-unlock-agent1'));
    await settle();
    expect(await screen.findByText('Login unlocked')).toBeTruthy();
  });
});
