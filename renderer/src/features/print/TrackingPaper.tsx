import { memo } from 'react';
import { createPortal } from 'react-dom';
import type { TrackingRow } from '../../../../shared/api';
import { beijingTime, cellValue, columnTitle, TRACKING_COLUMNS, type TrackingColumnKey } from '../../../../shared/domain/tracking';
import { paperT } from './paperParts';
import './print.css';

/**
 * Width of each column on A4 landscape, in parts of the line (table-layout: fixed). The number and the
 * times are sized to stay on one line at the paper's type size (a landline with its area code too), a
 * customer's name of four characters and 重大投诉 too; the longer texts (organisation, problem, result) wrap.
 */
const WIDTH: Record<TrackingColumnKey, number> = {
  complaintNo: 25,
  receivedAt: 22,
  complainant: 15,
  organisation: 11,
  phone: 20,
  problem: 13,
  severity: 13,
  departments: 12,
  handlerName: 10,
  status: 12,
  result: 12,
  completedAt: 15,
  callbackDueAt: 15,
  callbackAt: 15,
  callbackResult: 11,
  rectification: 10,
  closedAt: 15,
  daysOpen: 7,
  nextDeadline: 22,
  flags: 11,
};
const SUM = Object.values(WIDTH).reduce((a, b) => a + b, 0);
/** Registration and the next deadline are read to the minute; the other dates print as the day. */
const WITH_TIME = new Set<TrackingColumnKey>(['receivedAt', 'nextDeadline']);
const ONE_LINE = new Set<TrackingColumnKey>(['complaintNo', 'phone', 'daysOpen']);

function cell(r: TrackingRow, key: TrackingColumnKey, date: boolean): string {
  if (!date) return String(cellValue(r, key, 'zh') ?? '');
  const at = beijingTime(cellValue(r, key) as string | null);
  return WITH_TIME.has(key) ? at : at.slice(0, 10);
}

/** A volume of a print in several (`n` from 1). */
export interface PaperVolume {
  n: number;
  of: number;
}

/** "第 {{page}} 页 / 共 {{pages}} 页" → the CSS `content` of a page margin box, with the page counters. */
export function pageFooterContent(template: string): string {
  return template
    .split(/(\{\{pages?\}\})/)
    .filter(Boolean)
    .map((part) => (part === '{{page}}' ? 'counter(page)' : part === '{{pages}}' ? 'counter(pages)' : JSON.stringify(part)))
    .join(' ');
}

/**
 * The paper's own page: A4 landscape, and the page number in the bottom margin (a CSS page margin box,
 * Chromium 131 and later: printed by window.print(), the app's 打印… and 导出 PDF… alike). A volume's
 * pages are counted within the volume, and the footer says which volume it is.
 */
function pageRule(volume?: PaperVolume): string {
  const pages = paperT('trackingPrint.paper.pageFooter');
  const template = volume && volume.of > 1 ? `${paperT('trackingPrint.paper.volume', { n: volume.n, of: volume.of })} · ${pages}` : pages;
  return `@page { size: A4 landscape; margin: 8mm 8mm 12mm; @bottom-center { content: ${pageFooterContent(template)}; font-size: 8pt; font-family: sans-serif; } }`;
}

/**
 * 客户投诉及处理跟踪表 (annex 3) as the register a department keeps: A4 landscape, the header row
 * repeated on every page, the page number at the foot of every page, signature lines at the end. Always
 * in Chinese: a regulatory form prints in the words of the regulation, whatever the screen language.
 * The cells are plain text in plain cells: a volume of the full print holds 500 rows.
 */
export function TrackingPaper({
  rows,
  total,
  org,
  offset = 0,
  volume,
  count = rows.length,
}: {
  rows: TrackingRow[];
  total: number | string;
  org: string;
  offset?: number;
  volume?: PaperVolume;
  /** Rows of the print this paper belongs to, when it shows fewer (the screen's preview of a volume). */
  count?: number;
}) {
  const t = paperT;
  const range = count ? `${offset + 1}–${offset + count}` : '0';
  return (
    <div className="paper tracking-paper" data-testid="tracking-print-table">
      {/* Only while the sheet is mounted, so that annex 1 and 2 keep their portrait page. */}
      <style>{pageRule(volume)}</style>
      <div className="paper-annex">{t('tracking.annex3')}</div>
      {org && <h2 className="paper-org">{org}</h2>}
      <h1 className="paper-title">{t('tracking.title')}</h1>
      <div className="paper-meta">
        <span data-testid="tracking-paper-rows">
          {volume && volume.of > 1 && `${t('trackingPrint.paper.volume', { n: volume.n, of: volume.of })} · `}
          {t('tracking.paper.rows', { range, total })}
        </span>
        <span>{t('tracking.paper.printedAt', { at: beijingTime(new Date().toISOString()) })}</span>
      </div>
      <table className="tracking-paper-table">
        <colgroup>
          {TRACKING_COLUMNS.map((c) => (
            <col key={c.key} style={{ width: `${((WIDTH[c.key] / SUM) * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {TRACKING_COLUMNS.map((c) => (
              <th key={c.key}>{columnTitle(c.key, 'zh')}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <PaperRow key={r.id} r={r} />
          ))}
        </tbody>
      </table>
      <div className="tracking-paper-signs" data-testid="tracking-paper-signs">
        <span>
          {t('tracking.paper.filledBy')}:<span className="blank" />
        </span>
        <span>
          {t('tracking.paper.reviewedBy')}:<span className="blank" />
        </span>
        <span>
          {t('tracking.paper.date')}:<span className="blank" />
        </span>
      </div>
    </div>
  );
}

const CELLS = TRACKING_COLUMNS.map((c) => ({ key: c.key, date: 'date' in c, className: 'date' in c || ONE_LINE.has(c.key) ? 'one-line' : undefined }));

/** One register row: twenty cells of text, nothing else (a row is drawn once and never changes). */
const PaperRow = memo(function PaperRow({ r }: { r: TrackingRow }) {
  return (
    <tr>
      {CELLS.map((c) => (
        <td key={c.key} className={c.className}>
          {cell(r, c.key, c.date)}
        </td>
      ))}
    </tr>
  );
});

export const TrackingPaperPortal = memo(function TrackingPaperPortal(props: Parameters<typeof TrackingPaper>[0]) {
  return createPortal(
    <div className="tracking-print-portal">
      <TrackingPaper {...props} />
    </div>,
    document.body,
  );
});
