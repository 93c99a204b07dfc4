import { z } from 'zod';
import { APPRAISAL_PERIODS, PeriodKey } from '../domain/appraisal';
import { Day, LEAVE_STATUSES, LEAVE_TYPES } from '../domain/attendance';
import { requiredText, text, uuid } from '../domain/fields';
import { FINDING_DECISIONS, FINDING_STATUSES, ItemScore, ScorecardItems, TEACHING_CASES } from '../domain/qaReview';
import { MonthKey, QA_RECORD_KINDS } from '../domain/quality';
import { ALL_ROLES, LEAD_ROLES, QA_ROLES, SCORECARD_PUBLISHERS } from '../domain/roles';
import { def } from './methodDef';
import type * as Q from './qualityTypes';
import type { Page } from './types';

const Empty = z.strictObject({});
const Scope = z.enum(['mine', 'team']);

/**
 * QA sampling and review, findings, scorecards, appraisal, attendance and leave (docs/quality.md).
 * Methods an agent may call for their own records take `scope: 'mine'`; `'team'` needs a QA or lead
 * role, which the handler checks (the dispatcher's role list admits both).
 */
export const QUALITY_API = {
  /** A month's sample: per agent, and every sampled record with its review state. */
  'qa.month': def<Q.QaMonth>()(z.strictObject({ month: MonthKey, agentId: uuid.optional() }), QA_ROLES),
  /** Draws the month: each agent's share of calls, complaints and callbacks (settings' rate unless given). */
  'qa.draw': def<Q.QaDrawResult>()(z.strictObject({ month: MonthKey, ratePercent: z.number().int().min(1).max(100).optional() }), QA_ROLES),
  /** Adds one record by hand, with the reason (a complaint that went badly). */
  'qa.add': def<Q.QaItemRow>()(
    z.strictObject({ month: MonthKey, kind: z.enum(QA_RECORD_KINDS), recordId: uuid, reason: requiredText(500) }),
    QA_ROLES,
  ),
  /** A sampled record beside its scorecard; an agent may open their own once reviewed. */
  'qa.item': def<Q.QaItemDetail>()(z.strictObject({ month: MonthKey, kind: z.enum(QA_RECORD_KINDS), recordId: uuid }), ALL_ROLES),
  /** Scores a sampled record; findings are recorded with it, each with its rectification deadline. */
  'qa.review': def<Q.QaItemDetail>()(
    z.strictObject({
      month: MonthKey,
      kind: z.enum(QA_RECORD_KINDS),
      recordId: uuid,
      scorecardId: uuid,
      scores: z.array(ItemScore).max(30),
      comment: text(2000),
      findings: z.array(z.strictObject({ itemId: z.string().max(30).nullable(), text: requiredText(1000) })).max(20),
    }),
    QA_ROLES,
  ),
  /** Reviews: the viewer's own ('mine') or the team's, by month. */
  'qa.reviews': def<Q.QaReview[]>()(z.strictObject({ scope: Scope, month: MonthKey.optional() }), ALL_ROLES),
  'qa.markCase': def<Q.QaReview>()(z.strictObject({ reviewId: uuid, teachingCase: z.enum(TEACHING_CASES).nullable(), note: text(1000) }), QA_ROLES),
  'qa.cases': def<Q.TeachingCaseRow[]>()(z.strictObject({ teachingCase: z.enum(TEACHING_CASES).optional() }), ALL_ROLES),

  /** Findings: the viewer's own or the team's; `overdue` keeps those past their deadline. */
  'findings.list': def<Q.FindingRow[]>()(
    z.strictObject({ scope: Scope, status: z.enum(FINDING_STATUSES).optional(), overdue: z.boolean().optional() }),
    ALL_ROLES,
  ),
  /** The agent's improvement report (整改报告) on their own open finding. */
  'findings.report': def<Q.FindingRow>()(z.strictObject({ id: uuid, report: requiredText(2000) }), ALL_ROLES),
  /** The agent's appeal (申诉) of their own open finding. */
  'findings.appeal': def<Q.FindingRow>()(z.strictObject({ id: uuid, reason: requiredText(2000) }), ALL_ROLES),
  /** Approve a report (closes), reject a report or an appeal (reason required), or uphold an appeal. */
  'findings.decide': def<Q.FindingRow>()(z.strictObject({ id: uuid, decision: z.enum(FINDING_DECISIONS), reason: text(1000) }), QA_ROLES),

  'scorecards.active': def<Q.ScorecardVersion>()(Empty, ALL_ROLES),
  'scorecards.versions': def<Q.ScorecardVersion[]>()(Empty, [...new Set([...QA_ROLES, ...SCORECARD_PUBLISHERS])]),
  'scorecards.publish': def<Q.ScorecardVersion>()(z.strictObject({ name: requiredText(100), items: ScorecardItems, note: text(500) }), SCORECARD_PUBLISHERS),

  /** Scorecards per agent for a month (2026-11), quarter (2026-Q4) or year (2026), ranked. */
  'appraisal.team': def<Q.AppraisalReport>()(z.strictObject({ period: z.enum(APPRAISAL_PERIODS), key: PeriodKey }), QA_ROLES),
  'appraisal.mine': def<Q.AppraisalRow | null>()(z.strictObject({ period: z.enum(APPRAISAL_PERIODS), key: PeriodKey }), ALL_ROLES),
  'appraisal.export': def<Q.QualityExport>()(z.strictObject({ period: z.enum(APPRAISAL_PERIODS), key: PeriodKey }), QA_ROLES),

  /** Today's sign-in state and the shifts to choose from. */
  'attendance.today': def<Q.AttendanceToday>()(Empty, ALL_ROLES),
  'attendance.signIn': def<Q.Attendance>()(z.strictObject({ shiftId: z.string().max(20), note: text(500).optional() }), ALL_ROLES),
  'attendance.signOut': def<Q.Attendance>()(Empty, ALL_ROLES),
  'attendance.mine': def<Q.AttendanceMonth>()(z.strictObject({ month: MonthKey }), ALL_ROLES),
  'attendance.team': def<Q.AttendanceMonth[]>()(z.strictObject({ month: MonthKey }), LEAD_ROLES),

  'leave.request': def<Q.Leave>()(
    z.strictObject({ type: z.enum(LEAVE_TYPES), fromDay: Day, toDay: Day, reason: requiredText(500) }),
    ALL_ROLES,
  ),
  'leave.cancel': def<Q.Leave>()(z.strictObject({ id: uuid }), ALL_ROLES),
  'leave.list': def<Page<Q.LeaveRow>>()(
    z.strictObject({ scope: Scope, status: z.enum(LEAVE_STATUSES).optional(), limit: z.number().int().min(1).max(500).optional(), offset: z.number().int().min(0).max(1_000_000).optional() }),
    ALL_ROLES,
  ),
  'leave.decide': def<Q.Leave>()(z.strictObject({ id: uuid, approve: z.boolean(), reason: text(500) }), LEAD_ROLES),
} as const;
