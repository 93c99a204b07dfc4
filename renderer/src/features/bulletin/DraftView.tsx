import { DownloadOutlined, PrinterOutlined, ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinNarrative, BulletinVersionView, BulletinView } from '../../../../shared/api/bulletinTypes';
import { api } from '../../../../shared/api/contract';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { checkAll, focusFirstError } from '../../api/validate';
import { fmtDateTime } from '../../components/format';
import { useMemoryDraft } from '../../components/memoryDraft';
import { navigate } from '../../components/router';
import { useAskBeforeUnload } from '../../components/useLeaveGuard';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useSession } from '../auth/sessionStore';
import { type BulletinTab, BulletinTabs } from './BulletinTabs';
import type { Errors } from './fieldBox';
import { NarrativeDoc } from './NarrativeDoc';
import { NarrativeForm } from './NarrativeForm';
import { narrativeErrors } from './narrativeErrors';
import { downloadXlsx, openPrint } from './output';
import { type BulletinChoice, choiceFromQuery, lastPeriod, periodName } from './period';
import { PeriodControls } from './PeriodControls';
import { VersionsList } from './VersionsList';

// Coming back to the page shows the period (and tab) the user left; the next user starts from last month.
let lastChoice: BulletinChoice | null = null;
let lastTab: BulletinTab = 'overview';
useSession.subscribe((s) => {
  if (!s.session) {
    lastChoice = null;
    lastTab = 'overview';
  }
});

/**
 * The period's bulletin for team leads (who write and publish it) and quality inspectors (who read the
 * draft): the live figures beside the previous period and last year, the charts, the narrative, the
 * published versions. The period is in the address (#/bulletin?kind=monthly&period=2026-11).
 */
export function DraftView({ query }: { query: string }) {
  const { t } = useTranslation();
  const choice = choiceFromQuery(query) ?? lastChoice ?? lastPeriod('monthly');
  const { kind, periodKey } = choice;
  const [view, setView] = useState<BulletinView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setChoice = (c: BulletinChoice) => navigate('bulletin', null, { kind: c.kind, period: c.periodKey });
  lastChoice = choice;

  const load = useCallback(async () => {
    const res = await call('bulletin.get', { kind, periodKey });
    if (!res.ok) return setError(errorText(res.error));
    setError(null);
    setView(res.result);
  }, [kind, periodKey]);
  useEffect(() => {
    setView(null);
    void load();
  }, [load]);
  // Another lead's save or publication shows here; the figures themselves are refreshed on demand (a heavy read).
  useRecordsChanged(['bulletin', 'bulletin_version'], () => void load(), { ms: 2000 });

  const title = kind === 'monthly' ? t('bulletin.title') : t('bulletin.quarterlyTitle');
  const current = view && view.kind === kind && view.periodKey === periodKey ? view : null;
  return (
    <Card
      className="page-card bulletin-page"
      size="small"
      data-testid="bulletin-page"
      title={
        <Space size={12}>
          {title}
          <Typography.Text type="secondary" className="bulletin-period-name" data-testid="bulletin-period-name">
            {periodName(t, kind, periodKey)}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          <PeriodControls value={choice} onChange={setChoice} />
          <Button icon={<ReloadOutlined />} aria-label={t('bulletin.actions.refresh')} onClick={() => void load()} data-testid="bulletin-refresh" />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="bulletin-error" />}
      {current ? <DraftEditor key={current.bulletinId} view={current} reload={load} /> : !error && <Spin className="bulletin-loading" />}
    </Card>
  );
}

function stateTag(t: (k: string, o?: Record<string, unknown>) => string, view: BulletinView) {
  const d = view.draft;
  if (!d) return <Tag>{t('bulletin.state.unsaved')}</Tag>;
  if (!d.publishedVersion) return <Tag color="orange">{t('bulletin.state.draft')}</Tag>;
  if (d.dirty) return <Tag color="gold">{t('bulletin.state.changed', { n: d.publishedVersion })}</Tag>;
  return <Tag color="green">{t('bulletin.state.published', { n: d.publishedVersion })}</Tag>;
}

function DraftEditor({ view, reload }: { view: BulletinView; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [narrative, setNarrative] = useMemoryDraft<BulletinNarrative>(`bulletin:${view.bulletinId}`, () => view.narrative, String(view.draft?.version ?? 0));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState<'save' | 'publish' | 'xlsx' | null>(null);
  const [published, setPublished] = useState<BulletinVersionView | null>(null);
  const [tab, setTabState] = useState<BulletinTab>(lastTab);
  const setTab = (k: BulletinTab) => {
    lastTab = k;
    setTabState(k);
  };
  const dirty = view.canEdit && JSON.stringify(narrative) !== JSON.stringify(view.narrative);
  useAskBeforeUnload(dirty);
  const target = { kind: view.kind, periodKey: view.periodKey };
  const params = { ...target, narrative, version: view.draft?.version ?? 0 };
  const nextNumber = Math.max(0, ...view.versions.map((v) => v.number)) + 1;

  const showErrors = (e: Parameters<typeof narrativeErrors>[0]) => {
    const map = narrativeErrors(e, params);
    if (Object.keys(map).length) {
      setErrors(map);
      setTab('narrative');
      focusFirstError();
    } else if (e.fields?.some((f) => f.field === 'periodKey' && f.code === 'in_future')) message.error(t('bulletin.publish.notOver'));
    else message.error(errorText(e));
  };
  /** Every issue beside its box at once, before anything is sent. */
  const checked = () => {
    const local = checkAll(api['bulletin.save'].params, params);
    if (local) showErrors(local);
    return !local;
  };
  const save = async (quiet = false): Promise<boolean> => {
    if (!checked()) return false;
    setBusy('save');
    const res = await call('bulletin.save', params);
    setBusy(null);
    if (!res.ok) {
      showErrors(res.error);
      return false;
    }
    setErrors({});
    if (!quiet) message.success(t('bulletin.saved'));
    await reload();
    return true;
  };

  const publish = () => {
    const needsSave = dirty || !view.draft;
    if (needsSave && !checked()) return;
    modal.confirm({
      title: t('bulletin.publish.title', { n: nextNumber }),
      width: 520,
      okText: t('bulletin.publish.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...{ 'data-testid': 'bulletin-publish-ok' } },
      content: (
        <div data-testid="bulletin-publish-confirm">
          <p>{t('bulletin.publish.body')}</p>
          {needsSave && <p>{t('bulletin.publish.savesFirst')}</p>}
          <div>
            {t('bulletin.publish.goesTo')}{' '}
            {view.distribution.length
              ? view.distribution.map((d) => (
                  <Tag key={d} data-data="">
                    {d}
                  </Tag>
                ))
              : t('bulletin.publish.noDistribution')}
          </div>
        </div>
      ),
      onOk: async () => {
        if (needsSave && !(await save(true))) return;
        setBusy('publish');
        const res = await call('bulletin.publish', target);
        setBusy(null);
        if (!res.ok) {
          // The core refuses a publication identical to the last version (neither narrative nor figures changed).
          const same = res.error.code === 'conflict' && !needsSave && !!view.draft?.publishedVersion;
          if (same) return void message.error(t('bulletin.publish.nothingChanged', { n: view.draft?.publishedVersion }));
          return showErrors(res.error);
        }
        setPublished(res.result);
        setTab('versions');
        await reload();
      },
    });
  };

  const print = async () => {
    if (dirty && !(await save(true))) return;
    openPrint(target);
  };
  const xlsx = async () => {
    setBusy('xlsx');
    const r = await downloadXlsx(target);
    setBusy(null);
    (r.ok ? message.success : message.error)(r.text);
  };

  return (
    <div data-testid="bulletin-draft" data-dirty={dirty ? '1' : '0'}>
      <div className="bulletin-bar">
        <Space size={8} wrap>
          <span data-testid="bulletin-state">{stateTag(t, view)}</span>
          {dirty && <Tag color="red">{t('bulletin.state.unsavedTyping')}</Tag>}
          {view.draft && (
            <Typography.Text type="secondary" data-data="">
              {t('bulletin.state.editedBy', { by: view.draft.editedBy, at: fmtDateTime(view.draft.updatedAt) })}
            </Typography.Text>
          )}
        </Space>
        <Space size={8}>
          {view.canEdit && (
            <>
              <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void save()} data-testid="bulletin-save">
                {t('bulletin.actions.save')}
              </Button>
              <Tooltip title={view.periodOver ? undefined : t('bulletin.publish.notOver')}>
                <Button type="primary" icon={<SendOutlined />} disabled={!view.periodOver} loading={busy === 'publish'} onClick={publish} data-testid="bulletin-publish">
                  {t('bulletin.actions.publish')}
                </Button>
              </Tooltip>
            </>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => void print()} data-testid="bulletin-print">
            {t('bulletin.actions.print')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void xlsx()} data-testid="bulletin-xlsx">
            {t('bulletin.actions.xlsx')}
          </Button>
        </Space>
      </div>
      {!view.periodOver && <Alert type="info" showIcon className="form-alert" title={t('bulletin.state.periodOpen')} data-testid="bulletin-period-open" />}
      {!view.canEdit && <Alert type="info" showIcon className="form-alert" title={t('bulletin.state.readOnly')} />}
      {published && (
        <Alert
          type="success"
          showIcon
          closable
          className="form-alert"
          data-testid="bulletin-published"
          onClose={() => setPublished(null)}
          title={t('bulletin.publish.done', { n: published.number })}
          description={
            <span data-data="">{t('bulletin.publish.doneBody', { by: published.publishedBy, at: fmtDateTime(published.publishedAt), to: published.distribution.join('、') || '—' })}</span>
          }
        />
      )}
      <BulletinTabs
        figures={view.figures}
        active={tab}
        onActive={setTab}
        narrative={
          view.canEdit ? (
            <NarrativeForm kind={view.kind} value={narrative} onChange={setNarrative} errors={errors} figures={view.figures} />
          ) : (
            <NarrativeDoc kind={view.kind} narrative={view.narrative} figures={view.figures} t={t} />
          )
        }
        versions={{ count: view.versions.length, node: <VersionsList versions={view.versions} /> }}
      />
    </div>
  );
}
