import { Alert, Radio, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeachingCaseRow } from '../../../../shared/api/qualityTypes';
import type { TeachingCase } from '../../../../shared/domain/qaReview';
import { reviewIdOf } from '../../../../shared/domain/quality';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { fmtMinute } from '../../components/format';
import { navigate } from '../../components/router';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { RecordKindTag, ScoreText, TeachingCaseTag } from './labels';

/**
 * The sample month a case was reviewed in, which the review screen needs: a review's id derives from its
 * month and record (reviewIdOf), and a month is reviewed in it or after it, so the months up to the review's
 * own, newest first, find it.
 */
export function reviewMonth(r: Pick<TeachingCaseRow, 'reviewId' | 'recordKind' | 'recordId' | 'reviewedAt'>): string | null {
  const at = dayjs(r.reviewedAt);
  for (let back = -1; back < 36; back++) {
    const month = at.subtract(back, 'month').format('YYYY-MM');
    if (reviewIdOf(month, r.recordKind, r.recordId) === r.reviewId) return month;
  }
  return null;
}

/** Reviews marked as teaching cases (案例): good and bad examples for the team. QA roles open them; others read the note. */
export function CasesTable({ openable }: { openable: boolean }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [kind, setKind] = useState<TeachingCase | 'all'>('all');
  const [rows, setRows] = useState<TeachingCaseRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('qa.cases', kind === 'all' ? {} : { teachingCase: kind });
    setLoading(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setRows(res.result);
  }, [kind]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['qa_review'], () => void load());

  const open = (r: TeachingCaseRow) => {
    const month = reviewMonth(r);
    if (openable && month) navigate('quality', 'review', { month, kind: r.recordKind, id: r.recordId });
  };

  const columns: TableColumnsType<TeachingCaseRow> = [
    { title: t('quality.cases.kind'), dataIndex: 'teachingCase', width: 100, render: (v: TeachingCase) => <TeachingCaseTag value={v} /> },
    {
      title: t('quality.findings.record'),
      dataIndex: 'recordNo',
      width: 190,
      render: (_: unknown, r) => (
        <span className="qa-record-cell">
          <RecordKindTag kind={r.recordKind} />
          <span data-data="">{r.recordNo || t('quality.items.noNumber')}</span>
        </span>
      ),
    },
    ...(openable ? ([{ title: t('quality.items.agent'), dataIndex: 'agentName', width: 90, onCell: dataCell }] satisfies TableColumnsType<TeachingCaseRow>) : []),
    { title: t('quality.cases.score'), dataIndex: 'score', width: 110, render: (_: unknown, r) => <ScoreText score={r.score} voided={r.voided} /> },
    { title: t('quality.cases.note'), dataIndex: 'note', onCell: dataCell, ellipsis: true },
    { title: t('quality.cases.reviewedAt'), dataIndex: 'reviewedAt', width: 140, render: (v: string) => fmtMinute(v) },
  ];

  return (
    <div data-testid="qa-cases">
      <div className="toolbar">
        <Radio.Group
          optionType="button"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={[
            { value: 'all', label: t('quality.cases.all') },
            { value: 'good', label: label('teachingCase', 'good') },
            { value: 'bad', label: label('teachingCase', 'bad') },
          ]}
          data-testid="qa-cases-filter"
        />
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<TeachingCaseRow>
        data-testid="qa-cases-table"
        className={openable ? 'clickable-rows' : undefined}
        size="small"
        rowKey="reviewId"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{ defaultPageSize: 50, showTotal: (n) => t('common.total', { n }) }}
        onRow={(r) => ({ onClick: () => open(r), 'data-testid': 'qa-case-row' }) as never}
        locale={{ emptyText: t('quality.cases.empty') }}
      />
    </div>
  );
}
