import { type ReactNode, useEffect } from 'react';
import type { BulletinFigures, BulletinKind, BulletinNarrative } from '../../../../shared/api/bulletinTypes';
import { localDay } from '../../../../shared/domain/calendar';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { EChart } from '../../components/charts/EChart';
import { fmtDateTime } from '../../components/format';
import { CHART_KEYS, chartOptions } from '../bulletin/charts';
import { columnTitles, figureGroups, rowCells, type Words } from '../bulletin/figureRows';
import { NarrativeDoc } from '../bulletin/NarrativeDoc';
import { periodName } from '../bulletin/period';
import '../bulletin/strings';
import { paperT } from './paperParts';
import './bulletinPaper.css';

/** The paper's words: Chinese whatever the screen language, like the annexes. */
const WORDS: Words = { t: paperT, lang: 'zh' };
const NUMERALS = '一二三四五六七八九十';

export interface BulletinPaperProps {
  org: string;
  kind: BulletinKind;
  periodKey: string;
  figures: BulletinFigures;
  narrative: BulletinNarrative;
  distribution: string[];
  /** The published version printed; null prints the draft, marked 草稿. */
  version: { number: number; publishedBy: string; publishedAt: string } | null;
}

function FigureTable({ figures }: { figures: BulletinFigures }) {
  const t = paperT;
  const heads = columnTitles(WORDS, figures.kind);
  return (
    <>
      {figureGroups(WORDS).map((g, i) => (
        <table key={g.key} className="bulletin-paper-table" data-testid={`paper-group-${g.key}`}>
          <colgroup>
            <col />
            <col className="num" />
            <col className="num" />
            <col className="num" />
            <col className="change" />
            <col className="change" />
          </colgroup>
          <thead>
            <tr>
              <th className="group">
                {NUMERALS[i]}、{g.title}
              </th>
              <th>{heads.current}</th>
              <th>{heads.previous}</th>
              <th>{heads.lastYear}</th>
              <th>{heads.mom}</th>
              <th>{heads.yoy}</th>
            </tr>
          </thead>
          <tbody>
            {g.rows.map((r) => {
              const c = rowCells(t, r, figures);
              return (
                <tr key={r.key} data-testid={`paper-fig-${r.key}`}>
                  <td>{r.label}</td>
                  <td className="v cur">{c.current}</td>
                  <td className="v">{c.previous}</td>
                  <td className="v">{c.lastYear}</td>
                  <td className="v">{c.mom}</td>
                  <td className="v">{c.yoy}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </>
  );
}

/**
 * 客户服务交流信息 (or the quarterly report) on A4 portrait: title, period, who published which version
 * (or 草稿), the figures beside the previous period and last year, the four charts as SVG (vectors on
 * paper), the narrative and the distribution list.
 */
export function BulletinPaper({ org, kind, periodKey, figures, narrative, distribution, version }: BulletinPaperProps) {
  const t = paperT;
  const title = kind === 'monthly' ? t('bulletin.title') : t('bulletin.quarterlyTitle');
  const name = periodName(t, kind, periodKey);
  const options = chartOptions(figures, WORDS);
  const from = localDay(figures.current.from);
  const to = localDay(new Date(Date.parse(figures.current.to) - 1).toISOString());

  useEffect(() => {
    // The title names the PDF saved from this page (导出 PDF… in the app).
    document.title = `${title} ${periodKey}${version ? ` ${paperT('bulletin.version.number', { n: version.number })}` : ` ${paperT('bulletin.paper.draft')}`}`;
  }, [title, periodKey, version]);

  return (
    <div className="paper bulletin-paper" data-testid="bulletin-paper" data-draft={version ? '0' : '1'}>
      {!version && <div className="bulletin-paper-draft">{t('bulletin.paper.draft')}</div>}
      {org && <h2 className="paper-org">{org}</h2>}
      <h1 className="paper-title">{title}</h1>
      <div className="paper-meta">
        <span data-testid="paper-period">
          {name}({t('bulletin.range', { from, to })})
        </span>
        <span data-testid="paper-version">
          {version ? t('bulletin.paper.published', { n: version.number, by: version.publishedBy, at: fmtDateTime(version.publishedAt).slice(0, 16) }) : t('bulletin.paper.draft')}
        </span>
      </div>
      <h3 className="paper-section">{t('bulletin.paper.figures')}</h3>
      <FigureTable figures={figures} />
      <div className="bulletin-paper-computed">{t('bulletin.paper.computedAt', { at: fmtDateTime(figures.computedAt).slice(0, 16) })}</div>
      <h3 className="paper-section">{t('bulletin.paper.charts')}</h3>
      <div className="bulletin-paper-charts">
        {CHART_KEYS.map((k) => (
          <figure key={k}>
            <figcaption>{t(`bulletin.charts.${k}`)}</figcaption>
            <EChart option={options[k]} height={190} testId={`paper-chart-${k}`} />
          </figure>
        ))}
      </div>
      <h3 className="paper-section">{t('bulletin.paper.narrative')}</h3>
      <NarrativeDoc kind={kind} narrative={narrative} figures={figures} t={t} />
      <div className="bulletin-paper-distribution" data-testid="paper-distribution">
        {t('bulletin.paper.distribution')}
        {distribution.join('、') || '—'}
      </div>
    </div>
  );
}

/**
 * The print route's bulletin: `#/print/bulletin/<versionId>` prints a published version as frozen,
 * `#/print/bulletin/draft:<kind>:<period>` the draft with its live figures.
 */
export async function loadBulletinPaper(id: string, org: string): Promise<{ paper: ReactNode } | { error: string }> {
  const draft = /^draft:(monthly|quarterly):(.+)$/.exec(id);
  if (draft) {
    const kind = draft[1] as BulletinKind;
    const res = await call('bulletin.get', { kind, periodKey: draft[2] ?? '' });
    if (!res.ok) return { error: errorText(res.error) };
    const v = res.result;
    return { paper: <BulletinPaper org={org} kind={kind} periodKey={v.periodKey} figures={v.figures} narrative={v.narrative} distribution={v.distribution} version={null} /> };
  }
  const res = await call('bulletin.version', { id });
  if (!res.ok) return { error: errorText(res.error) };
  const v = res.result;
  return { paper: <BulletinPaper org={org} kind={v.kind} periodKey={v.periodKey} figures={v.figures} narrative={v.narrative} distribution={v.distribution} version={v} /> };
}
