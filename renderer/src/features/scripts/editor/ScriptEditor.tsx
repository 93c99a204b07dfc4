import { Alert, App, Button, Col, Form, Input, Row, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScriptSummary } from '../../../../../shared/api/types';
import { SCRIPT_KINDS, SCRIPT_VARIABLES, type ScriptKind, type ScriptVersion, scriptVariables, unknownVariables } from '../../../../../shared/domain/script';
import { call } from '../../../api/client';
import { errorText, fieldIssueText } from '../../../api/errors';
import { clearErrors } from '../../../components/FieldHelp';
import { useMemoryDraft } from '../../../components/memoryDraft';
import { useAskBeforeUnload } from '../../../components/useLeaveGuard';
import { useRecordsChanged } from '../../../components/useRecordsChanged';
import { i18n } from '../../../i18n';
import { useSettings } from '../../admin/settingsStore';
import { useSession } from '../../auth/sessionStore';
import { ScriptRunner } from '../ScriptRunner';
import { type EditScript, editErrors, previewVersion, toContent, toEdit } from './model';
import { ScriptContentForm } from './ScriptContentForm';
import { ScriptVersions } from './ScriptVersions';
import type { ApiError } from '../../../../../shared/api/envelope';

/** `content.steps.2.words` → `steps.2.words`, worded in Chinese for the box it lands beside. */
export function scriptFieldErrors(error: ApiError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.fields ?? []) {
    const field = issue.field.replace(/^content\./, '');
    if (field in out) continue;
    const last = field.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? field;
    const key = `script.errors.${last}.${issue.code}`;
    out[field] = i18n.exists(key) ? i18n.t(key) : fieldIssueText({ ...issue, field });
  }
  return out;
}

interface Loaded {
  active: ScriptVersion;
  versions: ScriptSummary[];
}

/**
 * 设置 → 话术 (admin): edit the active script of a kind with a live preview, publish it as a new version.
 * Published versions are never edited; a call or callback keeps the id of the version it showed.
 */
export function ScriptEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useSettings((s) => s.settings);
  const agent = useSession((s) => s.session?.user.displayName ?? '');
  const [kind, setKind] = useState<ScriptKind>('call');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // One draft per kind, so switching between 来电 and 回访 loses nothing typed; kept in the page's memory,
  // so a visit to another screen loses nothing either (no lost typing), and leaving the page asks first.
  const [drafts, setDrafts] = useMemoryDraft<Partial<Record<ScriptKind, EditScript>>>('scripts:editor', () => ({}));
  useAskBeforeUnload(Object.keys(drafts).length > 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [sample, setSample] = useState({ caller: t('script.editor.sampleCallerValue'), organisation: t('script.editor.sampleOrganisationValue') });

  const load = useCallback(async () => {
    const [active, versions] = await Promise.all([call('scripts.active', { kind }), call('scripts.versions', { kind })]);
    if (!active.ok) {
      setLoadError(t('script.editor.loadFailed', { msg: errorText(active.error) }));
      return;
    }
    setLoadError(null);
    setLoaded({ active: active.result, versions: versions.ok ? versions.result : [] });
  }, [kind, t]);

  useEffect(() => {
    setLoaded(null);
    setErrors({});
    void load();
  }, [load]);
  // Another administrator publishing (here or arriving by sync) updates the version list.
  useRecordsChanged(['script'], () => void load());

  if (loadError) return <Alert type="error" showIcon title={loadError} />;
  if (!loaded || loaded.active.kind !== kind) return <Skeleton active />;

  const base = toEdit(loaded.active);
  const draft = drafts[kind] ?? base;
  const dirty = JSON.stringify(draft) !== JSON.stringify(base);
  const content = toContent(draft);
  const unknown = unknownVariables(content);
  const nextVersion = Math.max(0, ...loaded.versions.map((v) => v.version)) + 1;
  const vars = scriptVariables({
    organisationName: settings?.organisationName ?? '',
    hotline: settings?.hotline ?? '',
    agentName: agent,
    callerName: sample.caller,
    organisation: sample.organisation,
    phone: '13800138000',
  });

  const change = (next: EditScript, touched: string[]) => {
    setDrafts((d) => ({ ...d, [kind]: next }));
    setErrors((e) => clearErrors(e, touched));
  };

  const publish = async () => {
    setBusy(true);
    const res = await call('scripts.publish', { kind, content, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (!res.ok) {
      setErrors(editErrors(draft, scriptFieldErrors(res.error)));
      message.error(errorText(res.error));
      // The box at fault may be far above the publish button: bring it into view.
      requestAnimationFrame(() =>
        document.querySelector('[data-testid="script-form"] .ant-form-item-has-error')?.scrollIntoView?.({ block: 'center', behavior: 'smooth' }),
      );
      return;
    }
    setErrors({});
    setNote('');
    setDrafts((d) => ({ ...d, [kind]: undefined }));
    message.success(t('script.editor.published', { n: res.result.version }));
    await load();
  };

  return (
    <div data-testid="script-editor">
      <Space className="script-editor-bar" wrap>
        <Segmented
          data-testid="script-kind"
          value={kind}
          onChange={(k) => setKind(k as ScriptKind)}
          options={SCRIPT_KINDS.map((k) => ({ value: k, label: t(`script.editor.kinds.${k}`) }))}
        />
        <span className="muted">
          <span data-data="">{loaded.active.name}</span> · {t('script.versionN', { n: loaded.active.version })}
          {loaded.active.builtIn && <Tag className="tag-after">{t('script.editor.builtIn')}</Tag>}
        </span>
        {dirty && (
          <>
            <Tag color="orange" data-testid="script-dirty">
              {t('script.editor.dirty')}
            </Tag>
            <Button size="small" onClick={() => change(base, ['steps', 'specials', 'name'])}>
              {t('script.editor.reset')}
            </Button>
          </>
        )}
      </Space>
      <div className="script-editor">
        <div>
          <ScriptContentForm kind={kind} value={draft} errors={errors} onChange={change} />
          <div className="script-publish">
            <Typography.Paragraph type="secondary">{t('script.editor.publishHint')}</Typography.Paragraph>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                data-testid="script-note"
                placeholder={t('script.editor.notePh')}
                aria-label={t('script.editor.note')}
                value={note}
                maxLength={500}
                onChange={(e) => setNote(e.target.value)}
              />
              <Button type="primary" loading={busy} onClick={() => void publish()} data-testid="script-publish">
                {t('script.editor.publish')}
              </Button>
            </Space.Compact>
          </div>
        </div>
        <div className="script-editor-preview" data-testid="script-preview">
          <div className="sheet-section-title">{t('script.editor.preview')}</div>
          <Form layout="vertical" component="div">
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item label={t('script.editor.sampleCaller')}>
                  <Input data-testid="script-sample-caller" value={sample.caller} onChange={(e) => setSample((s) => ({ ...s, caller: e.target.value }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t('script.editor.sampleOrganisation')}>
                  <Input value={sample.organisation} onChange={(e) => setSample((s) => ({ ...s, organisation: e.target.value }))} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {unknown.length > 0 && (
            <Alert
              type="warning"
              showIcon
              className="form-alert"
              data-testid="script-unknown-vars"
              title={t('script.editor.unknownVars', { names: unknown.map((n) => `{${n}}`).join(' '), vars: SCRIPT_VARIABLES.map((v) => `{${v}}`).join(' ') })}
            />
          )}
          {content.steps.length > 0 && <ScriptRunner script={previewVersion(kind, content, nextVersion)} vars={vars} hotkeys={false} testId="script-preview-panel" />}
        </div>
      </div>
      <ScriptVersions
        versions={loaded.versions}
        onUseAsBase={(v) => {
          change(toEdit(v), ['steps', 'specials', 'name']);
          message.info(t('script.editor.loadedBase', { n: v.version }));
        }}
      />
    </div>
  );
}
