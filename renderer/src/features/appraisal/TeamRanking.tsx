import { Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppraisalRow } from '../../../../shared/api/qualityTypes';
import { APPRAISAL_PARTS, type AppraisalPart } from '../../../../shared/domain/appraisal';
import { dataCell } from '../../components/dataField';
import { attendanceFlag, num1, partFigure } from './figures';

interface Thresholds {
  flagBelow: number;
  commendAbove: number;
}

/** One part's cell: the figure, and under it the score the part counts with (or why it does not count). */
function PartCell({ row, part, th }: { row: AppraisalRow; part: AppraisalPart; th: Thresholds }) {
  const { t } = useTranslation();
  const score = row.scores[part];
  const f = row.figures;
  const flag = part === 'attendance' ? attendanceFlag(f.attendanceRate, th.flagBelow, th.commendAbove) : null;
  const danger = flag === 'low' || (part === 'serviceStandard' && f.fatalErrors > 0) || (part === 'complaints' && f.complaints > 0);
  return (
    <div className={`appraisal-part${flag ? ` appraisal-${flag}` : ''}`} data-testid={`appraisal-${row.userId}-${part}`} data-flag={flag ?? undefined}>
      <div className={danger ? 'appraisal-danger' : flag === 'commended' ? 'appraisal-good' : undefined}>
        {partFigure(part, f, t, row.role)}
        {part === 'serviceStandard' && f.fatalErrors > 0 && (
          <Tag color="red" className="appraisal-fatal">
            {t('appraisal.figures.fatal', { n: f.fatalErrors })}
          </Tag>
        )}
      </div>
      {score === null ? (
        <Tooltip title={t('appraisal.team.left')}>
          <Typography.Text type="secondary">—</Typography.Text>
        </Tooltip>
      ) : (
        <Typography.Text type="secondary">{t('appraisal.figures.score', { n: num1(score) })}</Typography.Text>
      )}
    </div>
  );
}

/** The team's scorecards ranked by total (the core's order): rank, agent, each part, the total. */
export function TeamRanking({ rows, loading, th }: { rows: AppraisalRow[]; loading: boolean; th: Thresholds }) {
  const { t } = useTranslation();
  // A ranking is a team (tens of rows): the columns are built each render, following the language switch.
  const columns: TableColumnsType<AppraisalRow> = [
      { key: 'rank', title: t('appraisal.team.rank'), dataIndex: 'rank', width: 56, align: 'center', render: (n: number) => <span data-testid="appraisal-rank">{n}</span> },
      {
        key: 'agent',
        title: t('appraisal.team.agent'),
        dataIndex: 'userName',
        width: 96,
        onCell: dataCell,
        render: (name: string) => <span data-testid="appraisal-agent">{name}</span>,
      },
      ...APPRAISAL_PARTS.map((p) => ({
        key: p,
        title: t(`appraisal.parts.${p}`),
        width: p === 'serviceStandard' ? 150 : 118,
        render: (_: unknown, r: AppraisalRow) => <PartCell row={r} part={p} th={th} />,
      })),
      {
        key: 'total',
        title: t('appraisal.team.total'),
        dataIndex: 'total',
        width: 72,
        align: 'right',
        fixed: 'right',
        render: (n: number) => (
          <strong className="appraisal-total" data-testid="appraisal-total">
            {num1(n)}
          </strong>
        ),
      },
  ];
  return (
    <Table<AppraisalRow>
      data-testid="appraisal-team"
      rowKey="userId"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1100, y: 520 }}
      locale={{ emptyText: t('appraisal.team.empty') }}
      onRow={(r) => ({ 'data-testid': 'appraisal-row', 'data-user-id': r.userId }) as HTMLAttributes<HTMLElement>}
    />
  );
}
