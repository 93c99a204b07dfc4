import type { ReactNode } from 'react';
import { fmtDateTime } from '../../components/format';
import { type EnumLabels, enumLabel, type LabelKind } from '../../../../shared/domain/labels';
import { i18n } from '../../i18n';

/**
 * The paper forms (annexes 1, 2 and 3) always print in Chinese, whatever the screen language: they are
 * the regulation's forms, filed and signed as such. Their words come from here, never from `t`.
 */
export const paperT = i18n.getFixedT('zh');

/** "☑来电 ☐来人 ☐传真 …": a choice printed the way the paper form offers it, with the words from labels.ts. */
export function Checks<K extends LabelKind, T extends keyof EnumLabels[K] & string>({ options, value, kind }: { options: readonly T[]; value: T | readonly T[] | null; kind: K }) {
  const on = (o: T) => (Array.isArray(value) ? value.includes(o) : value === o);
  return (
    <>
      {options.map((o) => (
        <span key={o} className="paper-check">
          {on(o) ? '☑' : '☐'}
          {enumLabel(kind, o, 'zh')}
        </span>
      ))}
    </>
  );
}

export const yesNo = (v: boolean | null) => (v === null ? '' : paperT(v ? 'common.yes' : 'common.no'));
export const when = (iso: string | null | undefined) => (iso ? fmtDateTime(iso).slice(0, 16) : '');

/**
 * A signature box: the opinion (printed when recorded), then "签字:____ 日期:____" at the bottom,
 * with the recorded name and date written into the blanks.
 */
export function SignBox({ label, opinion, name, at }: { label: string; opinion?: string; name?: string; at?: string | null }) {
  return (
    <tr>
      <th>{label}</th>
      <td colSpan={5} className="paper-sign">
        <div>{opinion ?? ''}</div>
        <div className="paper-sign-line">
          {paperT('complaint.paper.sign')}:<span className="blank">{name ?? ''}</span>
          {paperT('complaint.paper.date')}:<span className="blank">{when(at)}</span>
        </div>
      </td>
    </tr>
  );
}

/** Six columns: label, value, label, value, label, value — the grid both paper forms are drawn on. */
export function PaperTable({ children }: { children: ReactNode }) {
  return (
    <table className="paper-table">
      <colgroup>
        <col style={{ width: '15%' }} />
        <col style={{ width: '19%' }} />
        <col style={{ width: '14%' }} />
        <col style={{ width: '19%' }} />
        <col style={{ width: '14%' }} />
        <col style={{ width: '19%' }} />
      </colgroup>
      <tbody>{children}</tbody>
    </table>
  );
}

export function PaperHead({ org, annex, title, no }: { org: string; annex: string; title: string; no: string }) {
  return (
    <>
      <div className="paper-annex">{annex}</div>
      <h2 className="paper-org" data-testid="paper-org">
        {org}
      </h2>
      <h1 className="paper-title">{title}</h1>
      <div className="paper-meta">
        <span />
        <span>
          {paperT('complaint.paper.no')}:<span data-testid="paper-no">{no}</span>
        </span>
      </div>
    </>
  );
}
