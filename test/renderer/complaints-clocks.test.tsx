import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../shared/domain/deadlines';
import { ClockPanel, DeadlineCell, fmtSpan, liveState } from '../../renderer/src/features/complaints/Clocks';
import '../../renderer/src/i18n';

const NOW = Date.parse('2026-11-22T02:00:00.000Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function clock(over: Partial<Clock>): Clock {
  return { kind: 'escalate', dueAt: at(10), warnAt: at(5), doneAt: null, state: 'running', ...over };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('clock states', () => {
  it('running before the warning, warning until due, breached after; met or met late once done', () => {
    const k = clock({});
    expect(liveState(k, NOW)).toBe('running');
    expect(liveState(k, NOW + 5 * 60_000)).toBe('warning');
    expect(liveState(k, NOW + 10 * 60_000)).toBe('warning');
    expect(liveState(k, NOW + 10 * 60_000 + 1)).toBe('breached');
    expect(liveState(clock({ doneAt: at(9) }), NOW + 60 * 60_000)).toBe('met');
    // A breach stays visible after the work is done.
    expect(liveState(clock({ doneAt: at(12) }), NOW + 60 * 60_000)).toBe('met_late');
  });

  it('formats spans as hh:mm:ss with days in Chinese', () => {
    expect(fmtSpan(3725_000)).toBe('01:02:05');
    expect(fmtSpan((2 * 86_400 + 65) * 1000)).toBe('2天 00:01:05');
  });
});

describe('the clocks on the sheet', () => {
  it('shows every state with its words and colour class', () => {
    render(
      <ClockPanel
        clocks={[
          clock({ kind: 'escalate' }),
          clock({ kind: 'report', dueAt: at(60), warnAt: at(-180) }),
          clock({ kind: 'complete', dueAt: at(-90), warnAt: at(-330) }),
          clock({ kind: 'callback', dueAt: at(-60), warnAt: at(-1500), doneAt: at(-30) }),
        ]}
      />,
    );
    const state = (k: string) => screen.getByTestId(`clock-${k}`).getAttribute('data-state');
    const text = (k: string) => screen.getByTestId(`clock-${k}-value`).textContent;
    expect(state('escalate')).toBe('running');
    expect(text('escalate')).toBe('剩余 00:10:00');
    expect(screen.getByTestId('clock-escalate').textContent).toContain('升级时限 15分钟');
    expect(state('report')).toBe('warning');
    expect(screen.getByTestId('clock-report').className).toContain('clock-warning');
    expect(state('complete')).toBe('breached');
    expect(text('complete')).toBe('已超时 01:30:00');
    expect(screen.getByTestId('clock-complete').className).toContain('clock-breached');
    expect(state('callback')).toBe('met_late');
    expect(text('callback')).toBe('超时完成 · 超时 00:30:00');
    expect(screen.getByTestId('clock-callback').className).toContain('clock-met_late');
  });

  it('a clock met on time is green and says so', () => {
    render(<ClockPanel clocks={[clock({ kind: 'report', doneAt: at(-1) })]} />);
    expect(screen.getByTestId('clock-report').getAttribute('data-state')).toBe('met');
    expect(screen.getByTestId('clock-report-value').textContent).toBe('按时完成');
    expect(screen.getByTestId('clock-report').className).toContain('clock-met');
  });

  it('ticks every second: running turns to warning, then to breached, without a reload', () => {
    render(<ClockPanel clocks={[clock({})]} />);
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('clock-escalate-value').textContent).toBe('剩余 00:09:59');
    act(() => vi.advanceTimersByTime(5 * 60_000));
    expect(screen.getByTestId('clock-escalate').getAttribute('data-state')).toBe('warning');
    act(() => vi.advanceTimersByTime(5 * 60_000));
    expect(screen.getByTestId('clock-escalate').getAttribute('data-state')).toBe('breached');
    expect(screen.getByTestId('clock-escalate-value').textContent).toBe('已超时 00:00:01');
  });
});

describe('the deadline column of the lists', () => {
  it('counts down to the next deadline and marks breached and close clocks', () => {
    render(<DeadlineCell row={{ nextDeadline: at(30), breached: ['escalate'], warning: ['report'] }} now={NOW} />);
    expect(screen.getByTestId('deadline-cell').textContent).toContain('剩余 00:30:00');
    expect(screen.getByTestId('row-breached').textContent).toBe('超时:升级时限');
    expect(screen.getByTestId('row-warning').textContent).toBe('将到期:上报时限');
  });

  it('a deadline passed while the list is open reads as overdue', () => {
    render(<DeadlineCell row={{ nextDeadline: at(-2), breached: [], warning: [] }} now={NOW} />);
    expect(screen.getByTestId('deadline-cell').getAttribute('data-breached')).toBe('true');
    expect(screen.getByTestId('deadline-cell').textContent).toContain('已超时 00:02:00');
  });
});
