import type { ReactNode } from 'react';
import type { BulletinFigures, BulletinKind, BulletinNarrative, CarriedPlan } from '../../../../shared/api/bulletinTypes';
import { qualitySentence } from './NarrativeForm';

type T = (key: string, opts?: Record<string, unknown>) => string;

/** Text as written, its line breaks kept; "无" when nothing was written. */
function Text({ value, t, testId }: { value: string; t: T; testId?: string }) {
  return value.trim() ? (
    <p className="bulletin-doc-text" data-data="" data-testid={testId}>
      {value}
    </p>
  ) : (
    <p className="bulletin-doc-empty">{t('bulletin.narrative.empty')}</p>
  );
}

function Heading({ children }: { children: ReactNode }) {
  return <h3 className="bulletin-doc-heading">{children}</h3>;
}

function PlanTable({ items, t }: { items: CarriedPlan['items']; t: T }) {
  if (!items.length) return <p className="bulletin-doc-empty">{t('bulletin.narrative.empty')}</p>;
  return (
    <table className="bulletin-doc-table">
      <thead>
        <tr>
          <th>{t('bulletin.narrative.planItem')}</th>
          <th className="w-name">{t('bulletin.narrative.owner')}</th>
          <th className="w-day">{t('bulletin.narrative.dueDay')}</th>
          <th className="w-status">{t('bulletin.narrative.status')}</th>
          <th>{t('bulletin.narrative.followUp')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id}>
            <td data-data="">{p.item}</td>
            <td data-data="">{p.owner}</td>
            <td data-data="">{p.dueDay}</td>
            <td>{t(`bulletin.planStatus.${p.status}`)}</td>
            <td data-data="">{p.followUp}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The narrative as it reads once written: on a published version's screen, for readers of a draft, and
 * on paper (with the paper's words: `t` is Chinese there whatever the screen language).
 */
export function NarrativeDoc({ kind, narrative, figures, t }: { kind: BulletinKind; narrative: BulletinNarrative; figures: BulletinFigures; t: T }) {
  const n = narrative;
  return (
    <div className="bulletin-doc" data-testid="bulletin-doc">
      <Heading>{t('bulletin.narrative.summary')}</Heading>
      <Text value={n.summary} t={t} testId="doc-summary" />

      <Heading>{t('bulletin.narrative.representative')}</Heading>
      {n.representative.length ? (
        <ol className="bulletin-doc-list" data-testid="doc-representative">
          {n.representative.map((p) => (
            <li key={p.complaintId}>
              <div>
                <span className="bulletin-doc-no" data-data="">
                  {p.complaintNo}
                </span>{' '}
                <span data-data="">{p.summary}</span>
              </div>
              {p.handling.trim() && (
                <div>
                  {t('bulletin.narrative.handling')}:<span data-data="">{p.handling}</span>
                </div>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="bulletin-doc-empty">{t('bulletin.narrative.empty')}</p>
      )}

      <Heading>{t('bulletin.narrative.rectifications')}</Heading>
      {n.rectifications.length ? (
        <table className="bulletin-doc-table" data-testid="doc-rectifications">
          <thead>
            <tr>
              <th className="w-name">{t('bulletin.narrative.department')}</th>
              <th>{t('bulletin.narrative.issue')}</th>
              <th>{t('bulletin.narrative.measure')}</th>
              <th className="w-status">{t('bulletin.narrative.status')}</th>
              <th>{t('bulletin.narrative.note')}</th>
            </tr>
          </thead>
          <tbody>
            {n.rectifications.map((r) => (
              <tr key={r.id}>
                <td data-data="">{r.department}</td>
                <td data-data="">{r.issue}</td>
                <td data-data="">{r.measure}</td>
                <td>{t(`bulletin.rectificationStatus.${r.status}`)}</td>
                <td data-data="">{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="bulletin-doc-empty">{t('bulletin.narrative.empty')}</p>
      )}

      <Heading>{t('bulletin.narrative.keyAccountNeeds')}</Heading>
      <Text value={n.keyAccountNeeds} t={t} testId="doc-keyAccountNeeds" />

      <Heading>{t('bulletin.narrative.qualityNotes')}</Heading>
      <p className="bulletin-doc-figures" data-data="">
        {qualitySentence(t, figures)}
      </p>
      <Text value={n.qualityNotes} t={t} testId="doc-qualityNotes" />

      {kind === 'quarterly' && (
        <>
          <Heading>{t('bulletin.narrative.improvementPlan')}</Heading>
          <PlanTable items={n.improvementPlan} t={t} />
          {figures.carriedPlan && (
            <>
              <Heading>{t('bulletin.narrative.carriedPlan', { period: figures.carriedPlan.fromPeriod })}</Heading>
              <PlanTable items={figures.carriedPlan.items} t={t} />
            </>
          )}
        </>
      )}
    </div>
  );
}
