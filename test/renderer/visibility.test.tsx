import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { RevealLink } from '../../renderer/src/components/RevealLink';
import { ComplaintFormFields } from '../../renderer/src/features/complaints/form/ComplaintFormFields';
import { blankValues, changedFields, fromCall, fromComplaint, registerParams, type SheetValues } from '../../renderer/src/features/complaints/form/values';
import { i18n } from '../../renderer/src/i18n';
import { complaint } from './complaintsFixtures';
import { fakeBridge } from './fakeBridge';

const settle = () => act(async () => {});
const ID = '0195f3a2-7b1c-7000-8000-0000000000c1';

afterEach(async () => {
  setBridgeForTests(null);
  await i18n.changeLanguage('zh');
});

describe('the 显示 / Show link beside a masked value', () => {
  it('reveals the value through records.reveal (audited by the core) only when asked', async () => {
    const fake = fakeBridge({ 'records.reveal': () => ({ ok: true, result: { field: 'phone', value: '13905710000', values: ['13905710000'] } }) });
    render(<RevealLink entity="call" id={ID} field="phone" masked={['phone']} shown="139****0000" />);
    expect(screen.getByTestId('value-phone').textContent).toBe('139****0000');
    expect(fake.of('records.reveal')).toHaveLength(0);
    expect(screen.getByTestId('reveal-phone').textContent).toBe('显示');
    fireEvent.click(screen.getByTestId('reveal-phone'));
    await settle();
    expect(fake.of('records.reveal')[0]?.params).toEqual({ entity: 'call', id: ID, field: 'phone' });
    expect(screen.getByTestId('value-phone').textContent).toBe('13905710000');
    expect(screen.queryByTestId('reveal-phone')).toBeNull();
  });

  it('shows the refusal in the user’s language, and no link when nothing is masked', async () => {
    await i18n.changeLanguage('en');
    fakeBridge({ 'records.reveal': () => ({ ok: false, error: { code: 'forbidden', message: 'this call record is confidential' } }) });
    const { unmount } = render(<RevealLink entity="call" id={ID} field="address" masked={['address']} shown="杭州市****" />);
    expect(screen.getByTestId('reveal-address').textContent).toBe('Show');
    fireEvent.click(screen.getByTestId('reveal-address'));
    await settle();
    expect(screen.getByTestId('reveal-error-address').textContent).toMatch(/^ Cannot show it: /);
    unmount();
    render(<RevealLink entity="call" id={ID} field="phone" masked={[]} shown="13905710000" />);
    expect(screen.queryByTestId('reveal-phone')).toBeNull();
  });
});

describe('the complaint form’s 客户保密 box', () => {
  function mountForm(values: SheetValues, update: (p: Partial<SheetValues>) => void) {
    render(
      <AntApp>
        <ComplaintFormFields values={values} errors={{}} update={update} disabled={false} mode="register" departments={[]} />
      </AntApp>,
    );
  }

  it('is labelled in both languages and sets confidential', async () => {
    const patches: Partial<SheetValues>[] = [];
    mountForm(blankValues(), (p) => patches.push(p));
    const box = screen.getByTestId('complaint-confidential');
    expect(box.closest('label')?.textContent).toContain('客户保密');
    fireEvent.click(box);
    expect(patches).toEqual([{ confidential: true }]);
  });

  it('starts ticked from a confidential call, is sent on registration, and an edit of it is a change', () => {
    const v = fromCall({ callerName: '周女士', organisation: '', address: '', phone: '13905710000', reportNo: '', content: '问题', customerId: null, confidential: true });
    expect(v.confidential).toBe(true);
    expect(registerParams(v, ID).confidential).toBe(true);
    const c = complaint({});
    expect(fromComplaint(c).confidential).toBe(false);
    expect(changedFields({ ...fromComplaint(c), confidential: true }, c)).toEqual({ confidential: true });
  });

  it('reads “Confidential” in English', async () => {
    await i18n.changeLanguage('en');
    mountForm(blankValues(), () => {});
    expect(screen.getByTestId('complaint-confidential').closest('label')?.textContent).toContain('Confidential');
  });
});
