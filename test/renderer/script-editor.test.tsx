import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptSummary, Settings } from '../../shared/api/types';
import { BUILT_IN_CALL_SCRIPT } from '../../shared/domain/scriptDefaults';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { SnippetEditor } from '../../renderer/src/features/admin/SnippetEditor';
import { useSettings } from '../../renderer/src/features/admin/settingsStore';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { ScriptEditor } from '../../renderer/src/features/scripts/editor/ScriptEditor';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

const settings: Settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88886666', areaCode: '0571', workstation: 'A07' };
const settle = () => act(async () => {});
const builtIn: ScriptSummary = { ...BUILT_IN_CALL_SCRIPT, active: true };

beforeEach(() => {
  useSession.setState({ phase: 'ready', session: session('admin') });
  useSettings.setState({ settings });
});
afterEach(() => {
  setBridgeForTests(null);
  useSettings.setState({ settings: null });
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('the script editor', () => {
  it('previews edits live with sample variables, warns about unknown variables and shows the core field errors beside the boxes', async () => {
    const fake = fakeBridge({
      'scripts.active': () => ({ ok: true, result: BUILT_IN_CALL_SCRIPT }),
      'scripts.versions': () => ({ ok: true, result: [builtIn] }),
      'scripts.publish': () => ({
        ok: false,
        error: { code: 'invalid_params', message: 'x', fields: [{ field: 'content.steps.1.words', code: 'required', message: 'required' }] },
      }),
    });
    render(
      <AntApp>
        <ScriptEditor />
      </AntApp>,
    );
    await settle();
    const preview = screen.getByTestId('script-preview-panel');
    expect(within(preview).getByTestId('script-current-words').textContent).toBe('您好,某某纺织品检验所,请问您有什么需要帮助的?');
    expect(screen.getAllByTestId('script-version-row')[0]?.getAttribute('data-active')).toBe('true');

    fireEvent.change(screen.getByTestId('script-step-words-0'), { target: { value: '您好,{机构},我是{姓氏}工,{客户称呼}请讲。' } });
    expect(screen.getByTestId('script-unknown-vars').textContent).toContain('{机构}');
    const words = within(screen.getByTestId('script-preview-panel')).getByTestId('script-current-words');
    expect(within(words).getByTestId('script-var-unknown').textContent).toBe('【机构】');
    // The sample caller fills 客户称呼 in the preview.
    expect(words.textContent).toContain('张先生/女士请讲');
    fireEvent.change(screen.getByTestId('script-sample-caller'), { target: { value: '李明' } });
    expect(within(screen.getByTestId('script-preview-panel')).getByTestId('script-current-words').textContent).toContain('李先生/女士请讲');
    expect(screen.getByTestId('script-dirty')).toBeTruthy();

    fireEvent.change(screen.getByTestId('script-step-words-1'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('script-publish'));
    await settle();
    const sent = fake.of('scripts.publish')[0]?.params as { kind: string; content: { steps: { words: string }[] } };
    expect(sent.kind).toBe('call');
    expect(sent.content.steps[0]?.words).toBe('您好,{机构},我是{姓氏}工,{客户称呼}请讲。');
    expect(screen.getByTestId('script-error-steps.1.words').textContent).toBe('请填写话术');
  });
});

describe('the snippet editor', () => {
  it('saves the list through settings.update and shows a bad key beside its row', async () => {
    const fake = fakeBridge({
      'settings.update': () => ({
        ok: false,
        error: { code: 'invalid_params', message: 'x', fields: [{ field: 'snippets.1.key', code: 'invalid_value', message: 'duplicate snippet key' }] },
      }),
    });
    render(
      <AntApp>
        <SnippetEditor settings={{ ...settings, snippets: [{ key: 'hf', title: '承诺回复', text: '稍后回复' }] }} />
      </AntApp>,
    );
    fireEvent.click(screen.getByTestId('snippet-add'));
    fireEvent.change(screen.getByTestId('snippet-key-1'), { target: { value: 'HF' } });
    fireEvent.change(screen.getByTestId('snippet-title-1'), { target: { value: '重复' } });
    fireEvent.change(screen.getByTestId('snippet-text-1'), { target: { value: '内容' } });
    fireEvent.click(screen.getByTestId('snippet-save'));
    await settle();
    expect(fake.of('settings.update')[0]?.params).toEqual({
      snippets: [
        { key: 'hf', title: '承诺回复', text: '稍后回复' },
        { key: 'hf', title: '重复', text: '内容' },
      ],
    });
    expect(screen.getByTestId('snippet-error-1-key').textContent).toBe('简码重复');
  });
});
