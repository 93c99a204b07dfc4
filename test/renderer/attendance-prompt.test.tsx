import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { SignInPrompt } from '../../renderer/src/features/attendance/SignInPrompt';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { attendance, today } from './attendanceFixtures';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** The first login of a shift day offers to sign in (Enter signs in, Esc skips); administrators are never asked. */

const settle = () => act(async () => {});
const ok = (result: unknown) => ({ ok: true, result });

beforeEach(() => localStorage.clear());
afterEach(() => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null, freshLogin: false });
});

function login(role: Parameters<typeof session>[0], handlers: Parameters<typeof fakeBridge>[0] = {}, fresh = true) {
  const fake = fakeBridge({ 'attendance.today': () => ok(today()), 'attendance.signIn': () => ok(attendance()), ...handlers });
  useSession.setState({ phase: 'ready', session: session(role), freshLogin: fresh });
  const view = render(
    <AntApp>
      <SignInPrompt />
    </AntApp>,
  );
  return { fake, view };
}

const body = () => screen.queryByTestId('signin-dialog-body');

describe('the sign-in prompt', () => {
  it('after a login on a working day without a sign-in: the suggested shift is chosen and Enter signs in', async () => {
    const { fake } = login('agent');
    await settle();
    // The end-to-end tests wait for this before they answer or skip the offer.
    expect(screen.getByTestId('signin-prompt-checked')).toBeTruthy();
    expect(body()?.textContent).toContain('今天(2026-11-20)是工作日,您还没有签到');
    expect(screen.getByText('王小明').closest('[data-data]')).not.toBeNull();
    const radio = screen.getByTestId('signin-shift-evening');
    expect((radio.tagName === 'INPUT' ? (radio as HTMLInputElement) : (radio.querySelector('input') as HTMLInputElement)).checked).toBe(true);
    fireEvent.keyDown(body() as HTMLElement, { key: 'Enter' });
    await settle();
    expect(fake.of('attendance.signIn')[0]?.params).toEqual({ shiftId: 'evening' });
    expect(body()).toBeNull();
    expect(useSession.getState().freshLogin).toBe(false);
  });

  it('Esc skips without signing in, and the next login today does not ask again', async () => {
    const { fake, view } = login('callback_officer');
    await settle();
    expect(body()).not.toBeNull();
    expect(screen.getByTestId('signin-cancel').textContent).toMatch(/跳\s?过/);
    fireEvent.keyDown(body() as HTMLElement, { key: 'Escape' });
    await settle();
    expect(fake.of('attendance.signIn')).toHaveLength(0);
    expect(body()).toBeNull();
    view.unmount();

    const again = login('callback_officer');
    await settle();
    expect(again.fake.of('attendance.today')).toHaveLength(1);
    expect(body()).toBeNull();
  });

  it('the skip button skips', async () => {
    const { fake } = login('quality_inspector');
    await settle();
    fireEvent.click(screen.getByTestId('signin-cancel'));
    await settle();
    expect(fake.of('attendance.signIn')).toHaveLength(0);
  });

  it('does not ask an administrator, on a rest day, when already signed in, or when a session is resumed', async () => {
    const admin = login('admin');
    await settle();
    expect(admin.fake.of('attendance.today')).toHaveLength(0);
    expect(screen.getByTestId('signin-prompt-checked')).toBeTruthy();
    admin.view.unmount();

    const rest = login('agent', { 'attendance.today': () => ok(today({ working: false })) });
    await settle();
    expect(rest.fake.of('attendance.today')).toHaveLength(1);
    expect(body()).toBeNull();
    rest.view.unmount();

    const done = login('agent', { 'attendance.today': () => ok(today({ record: attendance() })) });
    await settle();
    expect(body()).toBeNull();
    done.view.unmount();

    const resumed = login('agent', {}, false);
    await settle();
    expect(resumed.fake.of('attendance.today')).toHaveLength(0);
    expect(body()).toBeNull();
  });
});
