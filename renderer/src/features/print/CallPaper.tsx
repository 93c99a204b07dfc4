import type { CallRecord } from '../../../../shared/api/types';
import { CALL_CATEGORIES, SPECIAL_SITUATIONS } from '../../../../shared/domain/callRecord';
import { fmtDateTime, fmtDuration } from '../../components/format';
import { Checks, PaperHead, paperT, PaperTable, SignBox, when, yesNo } from './paperParts';
import './print.css';

const f = (name: string) => paperT(`fields.${name}`);
const t = (key: string, o?: Record<string, unknown>) => paperT(key, o);

/** Annex 1, 客户来电记录单, as printed on A4. */
export function CallPaper({ r, org }: { r: CallRecord; org: string }) {
  return (
    <div className="paper" data-testid="call-paper">
      <PaperHead org={org} annex={t('complaint.annex1')} title={t('complaint.callSheet')} no={r.recordNo} />
      <PaperTable>
        <tr>
          <th>{f('rangAt')}</th>
          <td>{fmtDateTime(r.rangAt)}</td>
          <th>{f('answeredAt')}</th>
          <td>
            {fmtDateTime(r.answeredAt)}
            {r.answeredLate && `(${t('calls.late')})`}
          </td>
          <th>{f('endedAt')}</th>
          <td>{fmtDateTime(r.endedAt)}</td>
        </tr>
        <tr>
          <th>{f('durationSec')}</th>
          <td>{fmtDuration(r.durationSec)}</td>
          <th>{f('agentName')}</th>
          <td>{r.agentName}</td>
          <th>{f('status')}</th>
          <td>{r.voided ? t('complaint.paper.voided') : t(`statuses.${r.status}`)}</td>
        </tr>
        <tr>
          <th>{f('callerName')}</th>
          <td>{r.callerName}</td>
          <th>{f('organisation')}</th>
          <td colSpan={3}>{r.organisation}</td>
        </tr>
        <tr>
          <th>{f('phone')}</th>
          <td>{r.phone}</td>
          <th>{f('address')}</th>
          <td colSpan={3}>{r.address}</td>
        </tr>
        <tr>
          <th>{f('category')}</th>
          <td colSpan={3}>
            <Checks options={CALL_CATEGORIES} value={r.category} kind="callCategory" />
          </td>
          <th>{f('reportNo')}</th>
          <td>{r.reportNo}</td>
        </tr>
        <tr>
          <th>{f('content')}</th>
          <td colSpan={5} className="paper-tall">
            {r.content}
          </td>
        </tr>
        <tr>
          <th>{f('specialSituations')}</th>
          <td colSpan={5}>
            <Checks options={SPECIAL_SITUATIONS} value={r.specialSituations} kind="specialSituation" />
          </td>
        </tr>
        <tr>
          <th>{f('answeredOnSpot')}</th>
          <td>{yesNo(r.answeredOnSpot)}</td>
          <th>{f('departmentsCoordinated')}</th>
          <td>{r.departmentsCoordinated.join('、')}</td>
          <th>{f('promisedReplyBy')}</th>
          <td>{when(r.promisedReplyBy)}</td>
        </tr>
        <tr>
          <th>{f('replyContent')}</th>
          <td colSpan={5} className="paper-tall">
            {r.replyContent}
          </td>
        </tr>
        <tr>
          <th>{f('repliedAt')}</th>
          <td>{when(r.repliedAt)}</td>
          <th>{f('repliedBy')}</th>
          <td>{r.repliedBy}</td>
          <th>{f('confidential')}</th>
          <td>{yesNo(r.confidential)}</td>
        </tr>
        <tr>
          <th>{f('solutions')}</th>
          <td colSpan={5}>
            {r.solutions.length > 0 && (
              <ol>
                {r.solutions.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: solutions are positional.
                  <li key={i}>
                    {s}
                    {r.chosenSolution === i && `(${f('chosenSolution')})`}
                  </li>
                ))}
              </ol>
            )}
          </td>
        </tr>
        <tr>
          <th>{f('satisfaction')}</th>
          <td>{r.satisfaction ? t('complaint.paper.stars', { n: r.satisfaction }) : ''}</td>
          <th>{f('suggestions')}</th>
          <td colSpan={3}>{r.suggestions}</td>
        </tr>
        {r.voided && (
          <tr>
            <th>{f('voidReason')}</th>
            <td colSpan={5}>{r.voidReason}</td>
          </tr>
        )}
        <SignBox label={t('complaint.paper.agentSign')} />
        <SignBox label={t('complaint.paper.reviewerSign')} />
      </PaperTable>
      <div className="paper-footer">{t('complaint.paper.printedAt', { at: fmtDateTime(new Date().toISOString()) })}</div>
    </div>
  );
}
