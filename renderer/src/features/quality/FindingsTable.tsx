import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { type MouseEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingRow } from '../../../../shared/api/qualityTypes';
import { FINDING_STATUSES, type FindingStatus } from '../../../../shared/domain/qaReview';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { navigate } from '../../components/router';
import { useNow } from '../../components/useNow';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { AnswerDialog, type DecideAction, DecideDialog, decideActions } from './FindingDialogs';
import { FindingDue, FindingStatusTag, ItemLabel, RecordKindTag } from './labels';

type Dialog = { f: FindingRow; decide: DecideAction } | { f: FindingRow; answer: 'report' | 'appeal' } | null;

const stop = (fn: () => void) => (e: MouseEvent) => {
  e.stopPropagation();
  fn();
};

/**
 * Findings and their rectification. `team` (质检 → 整改): every agent's, with the lead's decisions on reports
 * and appeals; `mine` (我的质检): the agent's own, answered with an improvement report or an appeal.
 */
export function FindingsTable({ scope, initialOverdue = false }: { scope: 'team' | 'mine'; initialOverdue?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { label } = useLabel();
  const now = useNow(true, 60_000);
  const [status, setStatus] = useState<FindingStatus | undefined>(undefined);
  const [overdue, setOverdue] = useState(initialOverdue);
  const [rows, setRows] = useState<FindingRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('findings.list', { scope, status, overdue: overdue || undefined });
    setLoading(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setRows(res.result);
  }, [scope, status, overdue]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['qa_finding'], () => void load());

  const done = (msg: string) => {
    setDialog(null);
    message.success(msg);
    void load();
  };
  const team = scope === 'team';
  const openReview = (f: FindingRow) =>
    navigate(team ? 'quality' : 'myQuality', 'review', { month: f.month, kind: f.recordKind, id: f.recordId });

  const columns: TableColumnsType<FindingRow> = [
    {
      title: t('quality.findings.record'),
      dataIndex: 'recordNo',
      width: 190,
      render: (_: unknown, f) => (
        <span className="qa-record-cell">
          <RecordKindTag kind={f.recordKind} />
          <Typography.Link onClick={stop(() => openReview(f))} data-testid="finding-open-review">
            <span data-data="">{f.recordNo || t('quality.items.noNumber')}</span>
          </Typography.Link>
        </span>
      ),
    },
    ...(team ? ([{ title: t('quality.findings.agent'), dataIndex: 'agentName', width: 80, onCell: dataCell, ellipsis: true }] satisfies TableColumnsType<FindingRow>) : []),
    {
      title: t('quality.findings.text'),
      dataIndex: 'text',
      render: (_: unknown, f) => (
        <div className="qa-finding-cell">
          <div className="qa-finding-item">
            {f.fatal && <Tag color="red">{t('quality.findings.fatal')}</Tag>}
            <ItemLabel id={f.itemId} />
          </div>
          <Tooltip title={<span data-data="">{f.text}</span>}>
            <div className="qa-answer" data-data="">
              {f.text}
            </div>
          </Tooltip>
        </div>
      ),
    },
    // Wide enough for the longest English status tag (Awaiting approval) not to run into the deadline.
    { title: t('quality.findings.status'), dataIndex: 'status', width: 135, render: (s: FindingStatus) => <FindingStatusTag status={s} /> },
    { title: t('quality.findings.dueAt'), dataIndex: 'dueAt', width: 140, render: (_: unknown, f) => <FindingDue f={f} now={now} /> },
    {
      title: t('quality.findings.answer'),
      key: 'answer',
      width: 180,
      ellipsis: true,
      render: (_: unknown, f) => (
        <span>
          {f.report && (
            <div className="qa-answer" data-data="">
              {f.report}
            </div>
          )}
          {f.appeal && (
            <div className="qa-answer" data-data="">
              {f.appeal}
            </div>
          )}
          {f.decisionReason && (
            <div className="muted qa-answer">
              {t('quality.findings.decision')}: <span data-data="">{f.decisionReason}</span>
            </div>
          )}
        </span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, f) => {
        if (team)
          return (
            <Space size={4}>
              {decideActions(f).map((a) => (
                <Button
                  key={a}
                  size="small"
                  danger={a === 'reject' || a === 'rejectAppeal'}
                  type={a === 'approve' ? 'primary' : 'default'}
                  data-testid={`finding-${a}`}
                  onClick={stop(() => setDialog({ f, decide: a }))}
                >
                  {t(`quality.findings.actions.${a}`)}
                </Button>
              ))}
            </Space>
          );
        return f.status === 'open' ? (
          <Space size={4}>
            <Button size="small" type="primary" data-testid="finding-write-report" onClick={stop(() => setDialog({ f, answer: 'report' }))}>
              {t('quality.findings.actions.writeReport')}
            </Button>
            <Button size="small" data-testid="finding-appeal" onClick={stop(() => setDialog({ f, answer: 'appeal' }))}>
              {t('quality.findings.actions.appeal')}
            </Button>
          </Space>
        ) : null;
      },
    },
  ];

  return (
    <div data-testid={`findings-${scope}`}>
      <div className="toolbar">
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('quality.findings.allStatuses')}
          aria-label={t('quality.findings.status')}
          value={status}
          onChange={(v) => setStatus(v)}
          options={FINDING_STATUSES.map((s) => ({ value: s, label: label('findingStatus', s) }))}
          data-testid="finding-filter-status"
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="finding-filter-overdue">
          {t('quality.findings.onlyOverdue')}
        </Checkbox>
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<FindingRow>
        data-testid="findings-table"
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: team ? 1165 : 1085 }}
        rowClassName={(f) => (f.status === 'open' && Date.parse(f.dueAt) < now ? 'qa-row-overdue' : '')}
        onRow={(f) => ({ 'data-testid': 'finding-row', 'data-status': f.status, 'data-finding-id': f.id }) as never}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: t('quality.findings.empty') }}
      />
      {dialog && 'decide' in dialog && (
        <DecideDialog
          finding={dialog.f}
          action={dialog.decide}
          onClose={() => setDialog(null)}
          onDone={() => done(t(`quality.findings.decide.done.${dialog.decide}`))}
        />
      )}
      {dialog && 'answer' in dialog && (
        <AnswerDialog
          finding={dialog.f}
          how={dialog.answer}
          onClose={() => setDialog(null)}
          onDone={() => done(t(`quality.findings.answerDialog.${dialog.answer}Done`))}
        />
      )}
    </div>
  );
}
