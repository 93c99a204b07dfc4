import { Collapse, Descriptions, type DescriptionsProps, Empty, Table, Tag } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../../shared/api/types';
import type { HandlingRound, Signoff } from '../../../../shared/domain/complaint';
import { fmtDateTime } from '../../components/format';
import { i18n } from '../../i18n';

/** Same label width in every block, so the sheet reads as one form. */
const LABEL = { label: { width: 136, whiteSpace: 'nowrap' as const } };
const f = (name: string) => i18n.t(`complaint.fields.${name}`);
const pre = (s: string) => (s ? <span className="pre-wrap">{s}</span> : '');

/** The sheet's values are the record as written (names, departments, texts): marked as data, labels are not. */
function items(list: [string, ReactNode, number?][]): DescriptionsProps['items'] {
  return list.map(([key, children, span]) => ({ key, label: f(key), children: children ? <span data-data="">{children}</span> : children, span: span ?? 1 }));
}

/** The solutions offered (numbered), the customer's choice marked. */
export function SolutionList({ solutions, chosen }: { solutions: string[]; chosen: number | null }) {
  const { t } = useTranslation();
  if (!solutions.length) return null;
  return (
    <ol className="solution-list">
      {solutions.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: solutions are positional.
        <li key={i}>
          <span data-data="">{s}</span>{' '}
          {chosen === i && (
            <Tag color="green" data-testid="chosen-solution">
              {t('complaint.fields.chosenSolution')}
            </Tag>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Handling of the current round: who handles it and what came of it (entered through the workflow steps). */
export function HandlingSection({ c }: { c: Complaint }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions
        styles={LABEL}
        size="small"
        bordered
        column={3}
        title={`${t('complaint.sections.handling')} · ${t('complaint.roundN', { n: c.round })}`}
        data-testid="handling-section"
        items={items([
          ['escalatedTo', c.escalatedTo],
          ['escalatedAt', fmtDateTime(c.escalatedAt)],
          ['reportedAt', fmtDateTime(c.reportedAt)],
          ['reportNote', pre(c.reportNote), 3],
          ['departments', c.departments.join('、')],
          ['handlerName', <span key="handler" data-testid="handler-name">{c.handlerName}</span>],
          ['assignedAt', fmtDateTime(c.assignedAt)],
          ['investigation', pre(c.investigation), 3],
          ['solutions', <SolutionList key="solutions" solutions={c.solutions} chosen={c.chosenSolution} />, 3],
          ['result', pre(c.result), 3],
          ['replyToCustomer', pre(c.replyToCustomer), 2],
          ['completedAt', fmtDateTime(c.completedAt)],
        ])}
      />
      <Descriptions
        styles={LABEL}
        size="small"
        bordered
        column={3}
        className="sheet-section"
        title={t('complaint.sections.callback')}
        data-testid="callback-section"
        items={items([
          ['callbackDueAt', fmtDateTime(c.callbackDueAt)],
          ['callbackAt', fmtDateTime(c.callbackAt)],
          ['callbackBy', c.callbackBy],
          ['callbackResult', c.callbackResult ? t(`complaint.callbackResults.${c.callbackResult}`) : ''],
          ['callbackAttempts', t('complaint.attemptsN', { n: c.callbackAttempts }), 2],
          ['callbackNote', pre(c.callbackNote), 3],
        ])}
      />
      <Descriptions
        styles={LABEL}
        size="small"
        bordered
        column={3}
        className="sheet-section"
        title={t('complaint.sections.approval')}
        data-testid="approval-section"
        items={items([
          ['approvedBy', approverName(c)],
          ['approvedAt', fmtDateTime(c.approvedAt)],
          ['closedAt', fmtDateTime(c.closedAt)],
          ...(c.status === 'voided' ? ([['voidReason', c.voidReason, 3]] as [string, ReactNode, number][]) : []),
        ])}
      />
    </>
  );
}

/** approvedBy is a user id; the approval signature carries the name. */
export function approverName(c: Complaint): string {
  if (!c.approvedBy) return '';
  const s = [...c.signoffs].reverse().find((x) => x.kind === 'approval' && x.userId === c.approvedBy);
  return s?.name ?? '';
}

/** Earlier rounds, closed by an unsatisfied callback: one collapsed panel each, readable as they were. */
export function RoundsPanel({ rounds }: { rounds: HandlingRound[] }) {
  const { t } = useTranslation();
  if (!rounds.length) return null;
  return (
    <div className="sheet-section" data-testid="rounds">
      <div className="sheet-section-title">{t('complaint.sections.rounds')}</div>
      <Collapse
        size="small"
        items={rounds.map((r) => ({
          key: String(r.round),
          label: (
            <span data-testid={`round-${r.round}`}>
              {t('complaint.roundNTitle', { n: r.round })} · {r.handlerName} · {r.departments.join('、')}
              {r.callbackResult && ` · ${t('complaint.fields.callbackResult')}:${t(`complaint.callbackResults.${r.callbackResult}`)}`}
            </span>
          ),
          children: (
            <Descriptions
              styles={LABEL}
              size="small"
              bordered
              column={2}
              data-testid={`round-${r.round}-body`}
              items={items([
                ['departments', r.departments.join('、')],
                ['handlerName', r.handlerName],
                ['investigation', pre(r.investigation), 2],
                [
                  'solutions',
                  // Rounds recorded before solutions were kept per round have none.
                  (r.solutions ?? []).map((x, i) => `${i + 1}. ${x}${r.chosenSolution === i ? ' ✓' : ''}`).join(';'),
                  2,
                ],
                ['result', pre(r.result), 2],
                ['replyToCustomer', pre(r.replyToCustomer), 2],
                ['completedAt', fmtDateTime(r.completedAt)],
                ['callbackAt', fmtDateTime(r.callbackAt)],
                ['callbackBy', r.callbackBy],
                ['callbackResult', r.callbackResult ? t(`complaint.callbackResults.${r.callbackResult}`) : ''],
                ['callbackNote', pre(r.callbackNote), 2],
              ])}
            />
          ),
        }))}
      />
    </div>
  );
}

/** Sign-offs are append-only: every signature of every round, oldest first. */
export function SignoffList({ signoffs }: { signoffs: Signoff[] }) {
  const { t } = useTranslation();
  return (
    <div className="sheet-section" data-testid="signoffs">
      <div className="sheet-section-title">{t('complaint.sections.signoffs')}</div>
      {signoffs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaint.noSignoffs')} />
      ) : (
        <Table<Signoff>
          size="small"
          pagination={false}
          rowKey={(s) => `${s.kind}-${s.round}-${s.at}`}
          dataSource={signoffs}
          onRow={() => ({ 'data-testid': 'signoff-row' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: f('round'), dataIndex: 'round', width: 80, render: (n: number) => t('complaint.roundN', { n }) },
            { title: t('complaint.dialog.kind'), dataIndex: 'kind', width: 110, render: (k: Signoff['kind']) => t(`complaint.signoffKinds.${k}`) },
            { title: t('users.displayName'), dataIndex: 'name', width: 110 },
            { title: t('users.role'), dataIndex: 'role', width: 100, render: (r: string) => (i18n.exists(`roles.${r}`) ? t(`roles.${r}`) : r) },
            { title: t('complaint.dialog.opinion'), dataIndex: 'opinion', render: (s: string) => pre(s) },
            { title: t('complaint.paper.date'), dataIndex: 'at', width: 170, render: (at: string) => fmtDateTime(at) },
          ]}
        />
      )}
    </div>
  );
}
