import type { Complaint } from '../../../../shared/api/types';
import { COMPLAINT_CHANNELS, COMPLAINT_TYPES, type HandlingRound, SEVERITIES, type Signoff, type SignoffKind } from '../../../../shared/domain/complaint';
import { fmtDateTime } from '../../components/format';
import { Checks, PaperHead, paperT, PaperTable, SignBox, when, yesNo } from './paperParts';
import './print.css';

const f = (name: string) => paperT(`complaint.fields.${name}`);
const t = (key: string, o?: Record<string, unknown>) => paperT(key, o);

function Solutions({ list, chosen }: { list: string[]; chosen: number | null }) {
  if (!list.length) return null;
  return (
    <ol>
      {list.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: solutions are positional.
        <li key={i}>
          {s}
          {chosen === i && `(${f('chosenSolution')})`}
        </li>
      ))}
    </ol>
  );
}

/** The newest signature of a kind, preferring the current round. */
function signed(c: Complaint, kind: SignoffKind): Signoff | undefined {
  const all = c.signoffs.filter((s) => s.kind === kind);
  return all.filter((s) => s.round === c.round).pop() ?? all.pop();
}

function RoundRows({ r }: { r: HandlingRound }) {
  const callback = r.callbackResult ? `${t(`complaint.callbackResults.${r.callbackResult}`)} ${r.callbackBy} ${when(r.callbackAt)}` : '';
  return (
    <>
      <tr>
        <th rowSpan={4}>{t('complaint.roundNTitle', { n: r.round })}</th>
        <th>{f('departments')}</th>
        <td colSpan={2}>{r.departments.join('、')}</td>
        <th>{f('handlerName')}</th>
        <td>{r.handlerName}</td>
      </tr>
      <tr>
        <th>{f('investigation')}</th>
        <td colSpan={4}>{r.investigation}</td>
      </tr>
      <tr>
        <th>{f('result')}</th>
        <td colSpan={4}>
          {r.result}
          {r.replyToCustomer && `\n${f('replyToCustomer')}:${r.replyToCustomer}`}
        </td>
      </tr>
      <tr>
        <th>{f('callbackResult')}</th>
        <td colSpan={4}>
          {callback}
          {r.callbackNote && `\n${r.callbackNote}`}
        </td>
      </tr>
    </>
  );
}

/** Annex 2, 客户投诉处理单, as printed on A4: every box of the sheet, signature lines, earlier rounds. */
export function ComplaintPaper({ c, org }: { c: Complaint; org: string }) {
  const handler = signed(c, 'handler');
  const dept = signed(c, 'department');
  const head = signed(c, 'cs_head');
  const approval = signed(c, 'approval');
  return (
    <div className="paper" data-testid="complaint-paper">
      <PaperHead org={org} annex={t('complaint.annex2')} title={t('complaint.sheet')} no={c.complaintNo} />
      <PaperTable>
        <tr>
          <th>{f('receivedAt')}</th>
          <td>{when(c.receivedAt)}</td>
          <th>{f('channel')}</th>
          <td colSpan={3}>
            <Checks options={COMPLAINT_CHANNELS} value={c.channel} kind="complaintChannel" />
          </td>
        </tr>
        <tr>
          <th>{f('complainant')}</th>
          <td>{c.complainant}</td>
          <th>{f('organisation')}</th>
          <td colSpan={3}>{c.organisation}</td>
        </tr>
        <tr>
          <th>{f('phone')}</th>
          <td>{c.phone}</td>
          <th>{f('address')}</th>
          <td colSpan={3}>{c.address}</td>
        </tr>
        <tr>
          <th>{f('reportNo')}</th>
          <td>{c.reportNo}</td>
          <th>{f('occurredAt')}</th>
          <td>{when(c.occurredAt)}</td>
          <th>{f('repeatIndex')}</th>
          <td>{t('complaint.repeatN', { n: c.repeatIndex })}</td>
        </tr>
        <tr>
          <th>{f('problem')}</th>
          <td colSpan={5} className="paper-tall">
            {c.problem}
          </td>
        </tr>
        <tr>
          <th>{f('severity')}</th>
          <td colSpan={2}>
            <Checks options={SEVERITIES} value={c.severity} kind="severity" />
          </td>
          <th>{f('type')}</th>
          <td colSpan={2}>
            <Checks options={COMPLAINT_TYPES} value={c.type} kind="complaintType" />
          </td>
        </tr>
        <tr>
          <th>{f('receivingAgentName')}</th>
          <td>{c.receivingAgentName}</td>
          <th>{f('soothed')}</th>
          <td>{yesNo(c.soothed)}</td>
          <th>{f('agreedReplyBy')}</th>
          <td>{when(c.agreedReplyBy)}</td>
        </tr>
        <tr>
          <th>{f('headNotifiedTo')}</th>
          <td>{c.headNotifiedTo}</td>
          <th>{f('headNotifiedAt')}</th>
          <td>{when(c.headNotifiedAt)}</td>
          <th>{t('complaint.paper.involve')}</th>
          <td>
            <span className="paper-check">
              {c.involveQualityDept ? '☑' : '☐'}
              {t('complaint.paper.qualityDept')}
            </span>
            <span className="paper-check">
              {c.involveChiefEngineer ? '☑' : '☐'}
              {t('complaint.paper.chiefEngineer')}
            </span>
          </td>
        </tr>
        <tr>
          <th>{f('escalatedTo')}</th>
          <td>
            {c.escalatedTo} {when(c.escalatedAt)}
          </td>
          <th>{f('reportedAt')}</th>
          <td>{when(c.reportedAt)}</td>
          <th>{f('reportNote')}</th>
          <td>{c.reportNote}</td>
        </tr>
        <tr>
          <th>{f('departments')}</th>
          <td>{c.departments.join('、')}</td>
          <th>{f('handlerName')}</th>
          <td data-testid="paper-handler">{c.handlerName}</td>
          <th>{f('round')}</th>
          <td>{t('complaint.roundN', { n: c.round })}</td>
        </tr>
        <tr>
          <th>{f('investigation')}</th>
          <td colSpan={5} className="paper-tall">
            {c.investigation}
          </td>
        </tr>
        <tr>
          <th>{f('solutions')}</th>
          <td colSpan={5}>
            <Solutions list={c.solutions} chosen={c.chosenSolution} />
          </td>
        </tr>
        <tr>
          <th>{f('result')}</th>
          <td colSpan={5} className="paper-tall">
            {c.result}
          </td>
        </tr>
        <tr>
          <th>{f('replyToCustomer')}</th>
          <td colSpan={3}>{c.replyToCustomer}</td>
          <th>{f('completedAt')}</th>
          <td>{when(c.completedAt)}</td>
        </tr>
        <tr>
          <th>{f('callbackDueAt')}</th>
          <td>{when(c.callbackDueAt)}</td>
          <th>{f('callbackAt')}</th>
          <td>{when(c.callbackAt)}</td>
          <th>{f('callbackBy')}</th>
          <td>{c.callbackBy}</td>
        </tr>
        <tr>
          <th>{f('callbackResult')}</th>
          <td>{c.callbackResult ? t(`complaint.callbackResults.${c.callbackResult}`) : ''}</td>
          <th>{f('callbackNote')}</th>
          <td colSpan={3}>{c.callbackNote}</td>
        </tr>
        <tr>
          <th>{f('rectificationDept')}</th>
          <td>{c.rectificationDept}</td>
          <th>{f('rectificationNote')}</th>
          <td colSpan={3}>{c.rectificationNote}</td>
        </tr>
        <SignBox label={t('complaint.paper.handlerSign')} opinion={handler?.opinion} name={handler?.name} at={handler?.at} />
        <SignBox label={`${t('complaint.paper.deptOpinion')}/${t('complaint.paper.sign')}`} opinion={dept?.opinion} name={dept?.name} at={dept?.at} />
        <SignBox label={`${t('complaint.paper.csHeadOpinion')}/${t('complaint.paper.sign')}`} opinion={head?.opinion} name={head?.name} at={head?.at} />
        <SignBox label={t('complaint.paper.approvalOpinion')} opinion={approval?.opinion} name={approval?.name} at={approval?.at ?? c.approvedAt} />
        <tr>
          <th>{f('status')}</th>
          <td>{t(`complaint.statuses.${c.status}`)}</td>
          <th>{f('closedAt')}</th>
          <td>{when(c.closedAt)}</td>
          <th>{c.status === 'voided' ? f('voidReason') : ''}</th>
          <td>{c.status === 'voided' ? c.voidReason : ''}</td>
        </tr>
      </PaperTable>
      {c.rounds.length > 0 && (
        <>
          <div className="paper-section">{t('complaint.paper.roundsTitle')}</div>
          <PaperTable>
            {c.rounds.map((r) => (
              <RoundRows key={r.round} r={r} />
            ))}
          </PaperTable>
        </>
      )}
      {c.signoffs.length > 0 && (
        <>
          <div className="paper-section">{t('complaint.paper.signoffsTitle')}</div>
          <PaperTable>
            {c.signoffs.map((s) => (
              <tr key={`${s.kind}-${s.round}-${s.at}`} data-testid="paper-signoff">
                <th>{t('complaint.roundN', { n: s.round })}</th>
                <td>{t(`complaint.signoffKinds.${s.kind}`)}</td>
                <td>
                  {s.name}({paperT(`roles.${s.role}`, { defaultValue: s.role })})
                </td>
                <td colSpan={2}>{s.opinion}</td>
                <td>{when(s.at)}</td>
              </tr>
            ))}
          </PaperTable>
        </>
      )}
      <div className="paper-footer">{t('complaint.paper.printedAt', { at: fmtDateTime(new Date().toISOString()) })}</div>
    </div>
  );
}
