import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinVersionView } from '../../../../shared/api/bulletinTypes';
import { isQaRole } from '../../../../shared/domain/roles';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { fmtDateTime } from '../../components/format';
import { navigate } from '../../components/router';
import { useRole } from '../auth/sessionStore';
import { type BulletinTab, BulletinTabs } from './BulletinTabs';
import { NarrativeDoc } from './NarrativeDoc';
import { downloadXlsx, openPrint } from './output';
import { periodName } from './period';

/** One published version, frozen: 第 N 版 · 发布人 · 发布时间, who it went to, its figures as they were and its narrative. */
export function VersionView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const role = useRole();
  const [v, setV] = useState<BulletinVersionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<BulletinTab>('overview');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setV(null);
    void call('bulletin.version', { id }).then((res) => {
      if (!live) return;
      if (res.ok) setV(res.result);
      else setError(errorText(res.error));
    });
    return () => {
      live = false;
    };
  }, [id]);

  // Leads and inspectors go back to the period's draft; everybody else to the list of published bulletins.
  const back = () => (v && role && isQaRole(role) ? navigate('bulletin', null, { kind: v.kind, period: v.periodKey }) : navigate('bulletin'));
  const xlsx = async () => {
    setBusy(true);
    const r = await downloadXlsx({ versionId: id });
    setBusy(false);
    (r.ok ? message.success : message.error)(r.text);
  };

  return (
    <Card
      className="page-card bulletin-page"
      size="small"
      data-testid="bulletin-version"
      data-number={v?.number}
      title={
        <Space size={12}>
          <Button size="small" type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('bulletin.actions.backToList')} data-testid="bulletin-back" />
          {v ? (v.kind === 'monthly' ? t('bulletin.title') : t('bulletin.quarterlyTitle')) : t('bulletin.title')}
          {v && <Typography.Text type="secondary">{periodName(t, v.kind, v.periodKey)}</Typography.Text>}
          {v && (
            <Tag color="green" data-testid="bulletin-version-line">
              {t('bulletin.version.number', { n: v.number })}
            </Tag>
          )}
        </Space>
      }
      extra={
        v && (
          <Space>
            <Button icon={<PrinterOutlined />} onClick={() => openPrint({ versionId: id })} data-testid="bulletin-print">
              {t('bulletin.actions.print')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void xlsx()} data-testid="bulletin-xlsx">
              {t('bulletin.actions.xlsx')}
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      {!v && !error && <Spin className="bulletin-loading" />}
      {v && (
        <>
          <Descriptions size="small" column={3} className="bulletin-version-meta" data-testid="bulletin-version-meta">
            <Descriptions.Item label={t('bulletin.version.publishedBy')}>
              <span data-data="">{v.publishedBy}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('bulletin.version.publishedAt')}>
              <span data-data="">{fmtDateTime(v.publishedAt)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('bulletin.version.distribution')}>
              <span data-data="">{v.distribution.join('、') || '—'}</span>
            </Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon className="form-alert" title={t('bulletin.version.frozen')} />
          <BulletinTabs figures={v.figures} active={tab} onActive={setTab} narrative={<NarrativeDoc kind={v.kind} narrative={v.narrative} figures={v.figures} t={t} />} />
        </>
      )}
    </Card>
  );
}
