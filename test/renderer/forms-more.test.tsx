import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../shared/api/contract';
import type { Callback } from '../../shared/api/types';
import { issuesFromZod } from '../../shared/domain/fieldRules';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { UsersPanel } from '../../renderer/src/features/admin/UsersPanel';
import { LoginPage } from '../../renderer/src/features/auth/LoginPage';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { OutcomeForm } from '../../renderer/src/features/callbacks/OutcomeForm';
import { CustomerEditor } from '../../renderer/src/features/customers/CustomerEditor';
import { PromisedCallbackModal } from '../../renderer/src/features/scripts/PromisedCallbackModal';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** All errors at once in the customer editor, the user form and the login; the callback outcome keeps its typing. */
const settle = () => act(async () => {});
const mount = (ui: ReactNode) => render(<AntApp>{ui}</AntApp>);
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const shownFields = () =>
  screen
    .queryAllByTestId(/^field-error-/)
    .map((el) => el.getAttribute('data-testid')?.slice('field-error-'.length))
    .sort();

/** What the dispatcher answers for params its schema refuses: every issue of the contract's schema. */
const dispatcherLike = (method: 'auth.login') => (params: Record<string, unknown>) => {
  const r = api[method].params.safeParse(params);
  return r.success ? { ok: true, result: {} } : { ok: false, error: { code: 'invalid_params', message: 'invalid params', fields: issuesFromZod(r.error) } };
};

afterEach(() => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('every problem on the first submit', () => {
  it('customer editor: no name and a phone nobody can dial, each beside its own box, nothing sent', async () => {
    const fake = fakeBridge();
    useSession.setState({ phase: 'ready', session: session('agent') });
    mount(<CustomerEditor customer={null} onSaved={vi.fn()} />);
    fireEvent.click(screen.getByTestId('customer-add-phone'));
    type('customer-phone-1', 'not-a-phone☎');
    fireEvent.click(screen.getByTestId('customer-save'));
    await settle();
    // The blank first line is an unused slot; the bad number is flagged on its own (second) line.
    expect(shownFields()).toEqual(['name', 'phones.1']);
    expect(screen.getByTestId('field-error-phones.1').textContent).toBe('不是有效的电话号码');
    expect(fake.of('customers.create')).toHaveLength(0);
  });

  it('customer editor: no phone at all asks for one, not "不能小于 1"', async () => {
    fakeBridge();
    useSession.setState({ phase: 'ready', session: session('agent') });
    mount(<CustomerEditor customer={null} onSaved={vi.fn()} />);
    type('customer-name', '周丽');
    fireEvent.click(screen.getByTestId('customer-save'));
    await settle();
    expect(screen.getByTestId('field-error-phones').textContent).toBe('请至少填写一个电话号码');
  });

  it('a new user: username, name and password together', async () => {
    const fake = fakeBridge({ 'users.list': () => ({ ok: true, result: [] }) });
    useSession.setState({ phase: 'ready', session: session('admin') });
    mount(<UsersPanel />);
    await settle();
    fireEvent.click(screen.getByTestId('user-create'));
    await settle();
    type('user-username', 'A');
    type('user-password', 'short');
    fireEvent.click(screen.getByTestId('user-save'));
    await settle();
    expect(shownFields()).toEqual(['displayName', 'password', 'username']);
    expect(fake.of('users.create')).toHaveLength(0);
  });

  it('承诺回电 (callback create): a number no callback can dial is refused beside the phone before anything is sent', async () => {
    const fake = fakeBridge();
    useSession.setState({ phase: 'ready', session: session('agent') });
    const from = { callId: '0195f3a2-7b1c-7000-8000-0000000000d1', recordNo: 'LD-20261122-A07-0001', phone: 'not-a-phone☎', name: '李明', organisation: '', customerId: null, content: '' };
    mount(<PromisedCallbackModal from={from} onDone={vi.fn()} onClose={vi.fn()} />);
    fireEvent.click(screen.getByTestId('promised-submit'));
    await settle();
    expect(screen.getByTestId('promised-error-phone').textContent).toContain('不是有效的电话号码');
    expect(fake.of('callbacks.create')).toHaveLength(0);
  });

  it('login: the username and the password in one answer, each beside its box', async () => {
    fakeBridge({ 'auth.login': dispatcherLike('auth.login') });
    mount(<LoginPage />);
    fireEvent.click(screen.getByTestId('login-submit'));
    await settle();
    expect(shownFields()).toEqual(['password', 'username']);
  });
});

const CALLBACK: Callback = {
  id: '0195f3a2-7b1c-7000-8000-0000000000b1',
  kind: 'complaint',
  status: 'open',
  dueAt: '2099-01-01T00:00:00.000Z',
  customerId: null,
  name: '李明',
  organisation: '',
  phone: '13800138000',
  phoneNormalized: '13800138000',
  subject: '投诉回访',
  source: 'complaint',
  sourceId: null,
  callId: null,
  complaintId: null,
  complaintRound: 1,
  assigneeId: 'user-1',
  assigneeName: '王小明',
  attempts: 0,
  lastAttemptAt: null,
  nextAttemptAt: null,
  satisfaction: null,
  score: null,
  accuracy: null,
  timeliness: null,
  attitude: null,
  unsatisfactory: '',
  remainingProblems: '',
  suggestions: '',
  evaluation: '',
  note: '',
  scriptVersionId: null,
  doneAt: null,
  doneBy: '',
  cancelReason: '',
  importBatch: null,
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
  version: 1,
} as Callback;

describe('no lost typing in the callback outcome', () => {
  it('what was typed comes back when the officer leaves the screen and opens the callback again', async () => {
    fakeBridge();
    useSession.setState({ phase: 'ready', session: session('callback_officer') });
    const first = mount(<OutcomeForm callback={CALLBACK} scriptVersionId={null} onDone={vi.fn()} />);
    fireEvent.click(within(screen.getByTestId('outcome-satisfaction')).getByText('满意'));
    type('outcome-suggestions', '希望缩短检测周期');
    await settle();
    first.unmount();
    mount(<OutcomeForm callback={CALLBACK} scriptVersionId={null} onDone={vi.fn()} />);
    await settle();
    expect((screen.getByTestId('outcome-suggestions') as HTMLTextAreaElement).value).toBe('希望缩短检测周期');
    // Another user at the same workstation does not get it.
    useSession.setState({ phase: 'ready', session: { ...session('callback_officer'), user: { ...session('callback_officer').user, id: 'user-2' } } });
    const other = mount(<OutcomeForm callback={CALLBACK} scriptVersionId={null} onDone={vi.fn()} />);
    await settle();
    expect((within(other.container).getByTestId('outcome-suggestions') as HTMLTextAreaElement).value).toBe('');
  });
});
