import { Card, Col, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { BulletinFigures } from '../../../../shared/api/bulletinTypes';
import { dataCell } from '../../components/dataField';
import { fmtDateTime } from '../../components/format';
import { useLabel } from '../../i18n/labels';
import { columnTitles, type FigureGroup, type FigureRow, figureGroups, type GroupKey, rowCells } from './figureRows';

type Cells = ReturnType<typeof rowCells>;
type Line = FigureRow & { cells: Cells };

/** One group of figures, a row each (data-testid fig-<key>; each cell fig-<key>-<column>). */
function GroupTable({ group, figures, heads, compact }: { group: FigureGroup; figures: BulletinFigures; heads: ReturnType<typeof columnTitles>; compact: boolean }) {
  const { t } = useTranslation();
  const lines: Line[] = group.rows.map((r) => ({ ...r, cells: rowCells(t, r, figures) }));
  const col = (key: keyof Cells, strong = false): ColumnsType<Line>[number] => ({
    key,
    title: heads[key],
    align: 'right',
    // The breakdowns sit two by two with short labels and counts only; the main tables have the room.
    width: key === 'mom' || key === 'yoy' ? (compact ? 88 : 130) : compact ? 76 : 110,
    onCell: (l) => ({ ...dataCell(), 'data-col': key, 'data-testid': `fig-${l.key}-${key}` }) as never,
    render: (_, l) => (strong ? <strong>{l.cells[key]}</strong> : l.cells[key]),
  });
  const columns: ColumnsType<Line> = [
    { key: 'label', title: t('bulletin.table.figure'), render: (_, l) => l.label },
    col('current', true),
    col('previous'),
    col('lastYear'),
    col('mom'),
    col('yoy'),
  ];
  return (
    <Card size="small" title={group.title} className="bulletin-group" data-testid={`fig-group-${group.key}`}>
      <Table<Line> size="small" rowKey="key" pagination={false} columns={columns} dataSource={lines} onRow={(l) => ({ 'data-testid': `fig-${l.key}` }) as never} tableLayout="fixed" />
    </Card>
  );
}

/** The main tables (calls, complaints, callbacks, deadlines, QA and attendance), then the four breakdowns two by two. */
export function FiguresTables({ figures }: { figures: BulletinFigures }) {
  const { t } = useTranslation();
  const { lang } = useLabel();
  const words = { t, lang };
  const groups = figureGroups(words);
  const heads = columnTitles(words, figures.kind);
  const column = (keys: GroupKey[], compact = false) =>
    groups
      .filter((g) => keys.includes(g.key))
      .map((g) => <GroupTable key={g.key} group={g} figures={figures} heads={heads} compact={compact} />);
  return (
    <div data-testid="bulletin-figures">
      <Row gutter={12}>
        {/* Side by side only on wide screens: at 1366 px a half is too narrow for the words of the rows. */}
        <Col span={24} xxl={12}>
          {column(['calls', 'complaints', 'callbacks'])}
        </Col>
        <Col span={24} xxl={12}>
          {column(['deadlines', 'quality'])}
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>{column(['category', 'type'], true)}</Col>
        <Col span={12}>{column(['severity', 'channel'], true)}</Col>
      </Row>
      <Typography.Text type="secondary" className="bulletin-computed">
        {t('bulletin.table.computedAt', { at: fmtDateTime(figures.computedAt) })}
      </Typography.Text>
    </div>
  );
}
