import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ComplaintDetail } from '../../shared/api/types';
import type { ComplaintActionName } from '../../shared/domain/complaint';
import type { Role } from '../../shared/domain/roles';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { ActionBar } from '../../renderer/src/features/complaints/workflow/ActionBar';
import '../../renderer/src/i18n';
import { COMPLAINT_ID, complaint, complaintDetail } from './complaintsFixtures';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

const settle = () => act(async () => {});

afterEach(() => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

function mount(detail: ComplaintDetail, role: Role = 'team_lead', handlers: Parameters<typeof fakeBridge>[0] = {}) {
  useSession.setState({ phase: 'ready', session: session(role) });
  const fake = fakeBridge({
    'users.directory': () => ({
      ok: true,
      result: [
        { id: '0195f3a2-7b1c-7000-8000-0000000000a1', displayName: '陈经理', role: 'agent' },
        { id: '0195f3a2-7b1c-7000-8000-0000000000a2', displayName: '赵回访', role: 'callback_officer' },
      ],
    }),
    ...handlers,
  });
  const onDone = vi.fn();
  render(
    <AntApp>
      <ActionBar detail={detail} onDone={onDone} />
    </AntApp>,
  );
  return { fake, onDone };
}

const shown = () => screen.queryAllByTestId(/^action-/).map((b) => b.getAttribute('data-testid')?.slice('action-'.length));

describe('the workflow action bar', () => {
  it.each<[string, ComplaintActionName[]]>([
    ['a lead on a registered major complaint', ['assign', 'escalate', 'report', 'changeSeverity', 'void']],
    ['the agent who registered it', ['escalate', 'changeSeverity']],
    ['a callback officer after handling', ['callbackNotReached', 'recordCallback']],
    ['a lead awaiting approval', ['signoff', 'approveClose', 'void']],
  ])('shows exactly the steps the core allows: %s', (_, actions) => {
    mount(complaintDetail({ actions }));
    expect(shown()).toEqual(actions);
  });

  it('shows nothing when the user may take no step (a closed complaint, or not theirs)', () => {
    mount(complaintDetail({ actions: [] }));
    expect(screen.queryByTestId('complaint-actions')).toBeNull();
  });

  it('labels the steps in Chinese', () => {
    mount(complaintDetail({ actions: ['assign', 'recordResult', 'recordCallback', 'signoff', 'approveClose', 'void'] }));
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['指派', '录入处理结果', '录入回访', '签字', '审批办结', '作废']);
  });
});

describe('a step dialog', () => {
  it('指派 needs a handler from the directory; the step carries the departments and the handler’s name', async () => {
    const { fake } = mount(complaintDetail({ actions: ['assign'], complaint: complaint({ departments: ['质量技术部'] }) }), 'team_lead', {
      'complaints.transition': () => ({ ok: true, result: complaint({ status: 'in_handling' }) }),
    });
    fireEvent.click(screen.getByTestId('action-assign'));
    await settle();
    fireEvent.click(screen.getByTestId('step-submit'));
    await settle();
    expect(screen.getByTestId('complaint-error-handlerId').textContent).toBe('请选择经办人');
    expect(fake.of('complaints.transition')).toHaveLength(0);
  });

  it('a refusal from the core is shown in Chinese, with the field errors beside the boxes', async () => {
    mount(complaintDetail({ actions: ['assign', 'approveClose'] }), 'team_lead', {
      'complaints.transition': () => ({
        ok: false,
        error: {
          code: 'invalid_params',
          message: 'invalid params for complaints.transition',
          fields: [{ field: 'step.opinion', code: 'required', message: 'required' }],
        },
      }),
    });
    fireEvent.click(screen.getByTestId('action-approveClose'));
    await settle();
    fireEvent.click(screen.getByTestId('step-submit'));
    await settle();
    expect(screen.getByTestId('step-error').textContent).toBe('填写有误,请检查标红的字段');
    expect(screen.getByTestId('complaint-error-opinion').textContent).toBe('此项必填');
  });

  it('a state refusal names the reason', async () => {
    mount(complaintDetail({ actions: ['signoff'], complaint: complaint({ status: 'handled', handlerId: 'user-1' }) }), 'agent', {
      'complaints.transition': () => ({ ok: false, error: { code: 'refused', message: 'round 1 already has a handler signature' } }),
    });
    fireEvent.click(screen.getByTestId('action-signoff'));
    await settle();
    // The handler may sign only as handler: the one capacity offered, chosen already.
    expect(screen.getByTestId('step-kind').textContent).toBe('经办人');
    fireEvent.change(screen.getByTestId('step-opinion'), { target: { value: '已处理' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    await settle();
    expect(screen.getByTestId('step-error').textContent).toBe('本轮已有此身份的签字');
  });

  it('录入回访 不满意 warns of the new round and sends the step; success closes the dialog and reloads', async () => {
    const { fake, onDone } = mount(complaintDetail({ actions: ['callbackNotReached', 'recordCallback'], complaint: complaint({ status: 'handled' }) }), 'callback_officer', {
      'complaints.transition': () => ({ ok: true, result: complaint({ status: 'in_handling', round: 2 }) }),
    });
    fireEvent.click(screen.getByTestId('action-recordCallback'));
    await settle();
    fireEvent.click(screen.getByText('不满意'));
    expect(screen.getByTestId('step-unsatisfied-warn').textContent).toContain('第 2 轮处理');
    fireEvent.change(screen.getByTestId('step-note'), { target: { value: '客户要求第三方复检' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    await settle();
    expect(fake.of('complaints.transition')[0]?.params).toEqual({
      id: COMPLAINT_ID,
      step: { action: 'recordCallback', result: 'unsatisfied', note: '客户要求第三方复检' },
    });
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
