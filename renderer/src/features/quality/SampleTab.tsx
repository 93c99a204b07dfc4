import { ExperimentOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Select, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaAgentSummary, QaDrawResult, QaItemRow, QaMonth } from '../../../../shared/api/qualityTypes';
import { DEFAULT_QUALITY_RULES } from '../../../../shared/domain/appraisal';
import { call } from '../../api/client';
import { errorText, fieldIssueText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { fmtMinute } from '../../components/format';
import { navigate } from '../../components/router';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useSettings } from '../admin/settingsStore';
import { AddDialog } from './AddDialog';
import { RecordKindTag, ScoreText } from './labels';

const openItem = (r: QaItemRow) => navigate('quality', 'review', { month: r.month, kind: r.kind, id: r.recordId });

/** The sample of one month: the draw, each agent's figures, and the sampled records (a row opens its review). */
export function SampleTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const rate = useSettings((s) => s.settings?.quality?.sampleRatePercent) ?? DEFAULT_QUALITY_RULES.sampleRatePercent;
  const [data, setData] = useState<QaMonth | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState<QaDrawResult | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('qa.month', { month });
    setLoading(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setData(res.result);
  }, [month]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['qa_sample', 'qa_review', 'qa_finding'], () => void load());

  const draw = async () => {
    setDrawing(true);
    const res = await call('qa.draw', { month });
    setDrawing(false);
    if (!res.ok) {
      // The core refuses a month not yet over beside `month`: say that, not just "invalid".
      const issue = res.error.fields?.[0];
      setError(issue ? fieldIssueText(issue) : errorText(res.error));
      return;
    }
    setDrawn(res.result);
    void load();
  };
  const askDraw = () =>
    modal.confirm({
      title: t('quality.draw.confirmTitle', { month }),
      content: t('quality.draw.confirmBody', { rate }),
      okText: t('quality.draw.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...{ 'data-testid': 'qa-draw-ok' } },
      onOk: () => void draw(),
    });

  const agentColumns: TableColumnsType<QaAgentSummary> = [
    { title: t('quality.agents.agent'), dataIndex: 'agentName', onCell: dataCell, ellipsis: true },
    { title: t('quality.agents.population'), dataIndex: 'population', width: 90, align: 'right' },
    { title: t('quality.agents.sampled'), dataIndex: 'sampled', width: 80, align: 'right' },
    { title: t('quality.agents.reviewed'), dataIndex: 'reviewed', width: 90, align: 'right' },
    { title: t('quality.agents.average'), dataIndex: 'averageScore', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
    {
      title: t('quality.agents.fatal'),
      dataIndex: 'fatal',
      width: 70,
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
    { title: t('quality.agents.openFindings'), dataIndex: 'openFindings', width: 120, align: 'right' },
  ];

  const itemColumns: TableColumnsType<QaItemRow> = [
    { title: t('quality.items.kind'), dataIndex: 'kind', width: 100, render: (_: unknown, r) => <RecordKindTag kind={r.kind} /> },
    {
      title: t('quality.items.recordNo'),
      dataIndex: 'recordNo',
      width: 190,
      render: (v: string) => (v ? <span data-data="">{v}</span> : <span className="muted">{t('quality.items.noNumber')}</span>),
    },
    { title: t('quality.items.agent'), dataIndex: 'agentName', width: 100, onCell: dataCell, ellipsis: true },
    { title: t('quality.items.at'), dataIndex: 'at', width: 140, render: (v: string) => fmtMinute(v) },
    {
      title: t('quality.items.source'),
      dataIndex: 'manual',
      ellipsis: true,
      render: (_: unknown, r) =>
        r.manual ? (
          <Tooltip title={<span data-data="">{r.reason}</span>}>
            <Tag color="gold" data-testid="qa-manual">
              {t('quality.items.manual')}
            </Tag>
            <span className="muted" data-data="">
              {r.reason}
            </span>
          </Tooltip>
        ) : (
          <span className="muted">{t('quality.items.drawn')}</span>
        ),
    },
    { title: t('quality.items.review'), dataIndex: 'score', width: 130, render: (_: unknown, r) => <ScoreText score={r.reviewId ? r.score : null} voided={r.voided} /> },
    { title: t('quality.items.reviewer'), dataIndex: 'reviewerName', width: 90, onCell: dataCell, ellipsis: true },
    { title: t('quality.items.findings'), dataIndex: 'findings', width: 84, align: 'right', render: (v: number) => v || '' },
  ];

  const items = (data?.items ?? []).filter((i) => (!agentId || i.agentId === agentId) && (!onlyOpen || !i.reviewId));

  return (
    <div className="qa-sample" data-testid="qa-sample">
      <div className="toolbar">
        <Button type="primary" icon={<ExperimentOutlined />} loading={drawing} onClick={askDraw} data-testid="qa-draw">
          {t('quality.draw.button')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="qa-add">
          {t('quality.add.button')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
        {data?.drawnAt ? (
          <span className="muted" data-testid="qa-sample-info">
            {t('quality.sampleInfo.rate', { rate: data.ratePercent })} · {t('quality.sampleInfo.seed')} <span data-data="">{data.seed}</span> ·{' '}
            <span data-data="">{data.drawnBy}</span> {t('quality.sampleInfo.drawnAt', { at: fmtMinute(data.drawnAt) })}
          </span>
        ) : (
          data && (
            <span className="muted" data-testid="qa-not-drawn">
              {t('quality.notDrawn', { month })}
            </span>
          )
        )}
      </div>
      {drawn && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setDrawn(null) }}
          className="form-alert"
          data-testid="qa-draw-result"
          title={t('quality.draw.done', { month: drawn.month, agents: drawn.agents, sampled: drawn.sampled, added: drawn.added })}
        />
      )}
      {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="qa-error" />}
      <Table<QaAgentSummary>
        data-testid="qa-agents"
        className="clickable-rows qa-agents"
        size="small"
        rowKey="agentId"
        loading={loading && !data}
        columns={agentColumns}
        dataSource={data?.agents ?? []}
        pagination={false}
        scroll={{ y: 220 }}
        rowClassName={(r) => (r.agentId === agentId ? 'qa-row-selected' : '')}
        onRow={(r) => ({ onClick: () => setAgentId((a) => (a === r.agentId ? null : r.agentId)), 'data-testid': 'qa-agent-row' }) as never}
        locale={{ emptyText: t('quality.agents.empty') }}
      />
      <div className="toolbar qa-items-toolbar">
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('quality.items.allAgents')}
          aria-label={t('quality.items.agent')}
          value={agentId}
          onChange={(v) => setAgentId(v ?? null)}
          options={(data?.agents ?? []).map((a) => ({ value: a.agentId, label: a.agentName }))}
          data-testid="qa-filter-agent"
        />
        <Checkbox checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} data-testid="qa-filter-open">
          {t('quality.items.onlyUnreviewed')}
        </Checkbox>
        <span className="muted">{t('common.total', { n: items.length })}</span>
      </div>
      <Table<QaItemRow>
        data-testid="qa-items"
        className="clickable-rows"
        size="small"
        rowKey={(r) => `${r.kind}:${r.recordId}`}
        loading={loading && !data}
        columns={itemColumns}
        dataSource={items}
        scroll={{ x: 1000 }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => t('common.total', { n }) }}
        onRow={(r) =>
          ({
            onClick: () => openItem(r),
            onKeyDown: (e: React.KeyboardEvent) => {
              if (e.key === 'Enter' && e.target === e.currentTarget) openItem(r);
            },
            tabIndex: 0,
            'data-testid': 'qa-item-row',
            'data-reviewed': r.reviewId ? '1' : '0',
            'data-kind': r.kind,
          }) as never
        }
        locale={{ emptyText: t('quality.items.empty') }}
      />
      {adding && (
        <AddDialog
          month={month}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            void load();
          }}
        />
      )}
    </div>
  );
}
