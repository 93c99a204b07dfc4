import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { NewComplaintDrawer } from '../../renderer/src/features/complaints/NewComplaint';
import { blankValues } from '../../renderer/src/features/complaints/form/values';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** No lost typing: Esc (or the close icon) in the 登记投诉 drawer asks before throwing away what was typed. */
const settle = () => act(async () => {});

afterEach(() => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

function mount() {
  fakeBridge();
  useSession.setState({ phase: 'ready', session: session('agent') });
  const onClose = vi.fn();
  render(
    <AntApp>
      <NewComplaintDrawer title="登记投诉" initial={blankValues('phone')} callId={null} onDone={vi.fn()} onClose={onClose} />
    </AntApp>,
  );
  return onClose;
}

const esc = () => fireEvent.keyDown(screen.getByTestId('complaint-complainant'), { key: 'Escape', code: 'Escape', keyCode: 27 });

describe('the 登记投诉 drawer keeps what was typed', () => {
  it('closes at once when nothing was typed', async () => {
    const onClose = mount();
    esc();
    await settle();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('Esc with typing asks 放弃未保存的内容？; 继续填写 keeps it, 放弃 closes', async () => {
    const onClose = mount();
    fireEvent.change(screen.getByTestId('complaint-complainant'), { target: { value: '周丽' } });
    esc();
    await settle();
    expect(onClose).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain('放弃未保存的内容？');
    fireEvent.click(screen.getByTestId('discard-cancel'));
    await settle();
    expect(onClose).not.toHaveBeenCalled();
    expect((screen.getByTestId('complaint-complainant') as HTMLInputElement).value).toBe('周丽');
    // The close icon asks the same question.
    fireEvent.click(document.querySelector('.ant-drawer-close') as HTMLElement);
    await settle();
    fireEvent.click(screen.getByTestId('discard-ok'));
    await settle();
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
