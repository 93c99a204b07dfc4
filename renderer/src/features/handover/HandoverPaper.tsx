import type { Handover } from '../../../../shared/api/handoverTypes';
import { enumLabel } from '../../../../shared/domain/labels';
import { fmtMinute } from '../../components/format';
import { paperT } from '../print/paperParts';
import '../print/print.css';
import './handover.css';
import './strings';

const p = (key: string) => paperT(`handover.paper.${key}`);

/**
 * 交接班记录 on A4: the shift, every item with its clock and note, the shift's note, and the takeover with a
 * line to sign. In Chinese whatever the screen language, like the other paper forms; the table's header
 * repeats on every page.
 */
export function HandoverPaper({ h, org }: { h: Handover; org: string }) {
  return (
    <div className="paper handover-paper" data-testid="handover-paper">
      <h2 className="paper-org" data-testid="paper-org">
        {org}
      </h2>
      <h1 className="paper-title">{p('title')}</h1>
      <table className="paper-table">
        <colgroup>
          <col style={{ width: '14%' }} />
          <col style={{ width: '20%' }} />
          <col style={{ width: '14%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '14%' }} />
          <col style={{ width: '20%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>{p('day')}</th>
            <td>{h.day}</td>
            <th>{p('shift')}</th>
            <td>{h.shiftName}</td>
            <th>{p('by')}</th>
            <td>
              {h.createdBy} {fmtMinute(h.createdAt)}
            </td>
          </tr>
        </tbody>
      </table>
      <table className="paper-table handover-paper-items">
        <colgroup>
          <col style={{ width: '5%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '22%' }} />
          <col style={{ width: '27%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '22%' }} />
        </colgroup>
        <thead>
          <tr>
            {['no', 'kind', 'recordNo', 'summary', 'due', 'note'].map((k) => (
              <th key={k}>{p(k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {h.items.map((i, n) => (
            <tr key={i.recordId} data-testid="handover-paper-item">
              <td style={{ textAlign: 'center' }}>{n + 1}</td>
              <td>{enumLabel('handoverItemKind', i.kind, 'zh')}</td>
              <td className="handover-paper-no">{i.recordNo}</td>
              <td>{i.summary || p('confidential')}</td>
              <td>{fmtMinute(i.dueAt)}</td>
              <td>{i.note}</td>
            </tr>
          ))}
          {!h.items.length && (
            <tr>
              <td colSpan={6} style={{ textAlign: 'center' }}>
                {p('none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <table className="paper-table" style={{ marginTop: '2mm' }}>
        <colgroup>
          <col style={{ width: '14%' }} />
          <col style={{ width: '86%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>{p('shiftNote')}</th>
            <td className="paper-tall">{h.note}</td>
          </tr>
          <tr>
            <th>{p('ackNote')}</th>
            <td className="paper-tall">{h.ackNote}</td>
          </tr>
          <tr>
            <th>{p('ackBy')}</th>
            <td className="paper-sign">
              <div className="paper-sign-line">
                <span className="blank" data-testid="handover-paper-ack-by">
                  {h.acknowledgedBy}
                </span>
                {p('ackAt')}:<span className="blank">{fmtMinute(h.acknowledgedAt)}</span>
              </div>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
