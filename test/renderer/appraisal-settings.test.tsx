import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../shared/api/types';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { QualitySettings } from '../../renderer/src/features/admin/QualitySettings';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { forgetMemoryDrafts } from '../../renderer/src/components/memoryDraft';
import { setLanguage } from '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** 设置 → 质检、绩效与考勤: the weights' shares, the 20% rule beside its box, shifts, thresholds; every problem at once. */

const settle = () => act(async () => {});
const settings: Settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88886666', areaCode: '0571', workstation: 'A07' };
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const shown = () => Object.fromEntries(screen.queryAllByTestId(/^field-error-/).map((el) => [el.getAttribute('data-testid')?.slice(12), el.textContent]));

afterEach(async () => {
  setBridgeForTests(null);
  forgetMemoryDrafts();
  useSession.setState({ phase: 'boot', session: null });
  await act(() => setLanguage('zh'));
});

function mount(handlers: Parameters<typeof fakeBridge>[0] = {}) {
  useSession.setState({ phase: 'ready', session: session('admin') });
  const fake = fakeBridge({ 'settings.update': (p) => ({ ok: true, result: { ...settings, ...p } }), ...handlers });
  render(
    <AntApp>
      <QualitySettings settings={settings} />
    </AntApp>,
  );
  return fake;
}

describe('quality settings', () => {
  it('shows each weight’s share of the total as typed', async () => {
    mount();
    await settle();
    expect(screen.getByTestId('qs-share-serviceStandard').textContent).toBe('占 25%');
    type('qs-weight-volume', '65');
    await settle();
    // 25 of 150.
    expect(screen.getByTestId('qs-share-serviceStandard').textContent).toBe('占 16.7%');
    expect(screen.getByTestId('qs-share-serviceStandard').className).toContain('qs-share-low');
  });

  it('refuses service standards under 20% beside their box, with every other problem, and sends nothing', async () => {
    const fake = mount();
    await settle();
    type('qs-weight-volume', '65');
    type('qs-quality.sampleRatePercent', '150');
    type('qs-shift-0-start', '8:30');
    type('qs-shift-1-name', '');
    type('qs-attendance.commendAbovePercent', '80');
    fireEvent.click(screen.getByTestId('qs-save'));
    await settle();
    const errors = shown();
    expect(errors['appraisalWeights.serviceStandard']).toBe('服务规范须占总权重的 20% 以上(现为 16.7%)');
    expect(errors['quality.sampleRatePercent']).toBe('不能大于 100');
    expect(errors['attendance.shifts.0.start']).toBe('请按 24 小时制填写,如 08:30');
    expect(errors['attendance.shifts.1.name']).toBe('此项必填');
    expect(fake.of('settings.update')).toHaveLength(0);
  });

  it('the core’s refusal lands beside the field too', async () => {
    const fake = mount({
      'settings.update': () => ({
        ok: false,
        error: { code: 'invalid_params', message: 'refused', fields: [{ field: 'appraisalWeights.serviceStandard', code: 'out_of_range', message: 'at least 20%' }, { field: 'attendance.commendAbovePercent', code: 'out_of_range', message: 'below flag' }] },
      }),
    });
    await settle();
    fireEvent.click(screen.getByTestId('qs-save'));
    await settle();
    expect(fake.of('settings.update')).toHaveLength(1);
    const errors = shown();
    expect(errors['appraisalWeights.serviceStandard']).toContain('20%');
    expect(errors['attendance.commendAbovePercent']).toBe('表彰线不能低于预警线');
  });

  it('adds a shift and saves the three sections in one update', async () => {
    const fake = mount();
    await settle();
    fireEvent.click(screen.getByTestId('qs-add-shift'));
    type('qs-shift-2-name', '夜班');
    type('qs-shift-2-start', '21:00');
    type('qs-shift-2-end', '08:30');
    type('qs-attendance.clockSkewMinutes', '10');
    type('qs-quality.rectifyWorkingDays', '5');
    fireEvent.click(screen.getByTestId('qs-save'));
    await settle();
    const sent = fake.of('settings.update')[0]?.params as Pick<Settings, 'quality' | 'appraisalWeights' | 'attendance'>;
    expect(Object.keys(sent).sort()).toEqual(['appraisalWeights', 'attendance', 'quality']);
    expect(sent.quality.rectifyWorkingDays).toBe(5);
    expect(sent.attendance.clockSkewMinutes).toBe(10);
    expect(sent.attendance.shifts[2]).toEqual({ id: 'shift3', name: '夜班', start: '21:00', end: '08:30', graceMinutes: 5 });
    expect(document.body.textContent).toContain('已保存质检、绩效与考勤设置');
  });

  it('reads in English', async () => {
    await act(() => setLanguage('en'));
    mount();
    await settle();
    expect(screen.getByTestId('quality-settings-form').textContent).toContain('Appraisal weights');
    expect(screen.getByTestId('qs-share-serviceStandard').textContent).toBe('25%');
  });
});
