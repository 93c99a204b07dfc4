import type { z } from 'zod';
import {
  type Attendance,
  cancelLeave,
  decideLeave,
  type Leave,
  LeaveCancelArgs,
  LeaveDecideArgs,
  LeaveRequestArgs,
  requestLeave,
  SignInArgs,
  SignOutArgs,
  signIn,
  signOut,
} from './attendance';
import type { MutationDef } from './mutations';
import {
  appealFinding,
  createFinding,
  decideFinding,
  FindingAppealArgs,
  FindingCreateArgs,
  FindingDecideArgs,
  FindingReportArgs,
  markTeachingCase,
  publishScorecard,
  type QaFinding,
  QaMarkCaseArgs,
  type QaReview,
  QaReviewArgs,
  reportFinding,
  reviewRecord,
  ScorecardPublishArgs,
  type ScorecardVersion,
} from './qaReview';
import { addToSample, drawSample, QaAddArgs, QaDrawArgs, type QaSample } from './quality';
import { ALL_ROLES, LEAD_ROLES, QA_ROLES, SCORECARD_PUBLISHERS } from './roles';

/** The record types of QA, appraisal and attendance that sync (docs/quality.md). */
export type QualityEntity = 'qa_sample' | 'qa_review' | 'qa_finding' | 'scorecard' | 'attendance' | 'leave';
export const QUALITY_ENTITIES: readonly QualityEntity[] = ['qa_sample', 'qa_review', 'qa_finding', 'scorecard', 'attendance', 'leave'];

const define = <A, T>(d: MutationDef<A, T>) => d;
const versionOnly = (prev: { version: number } | null) => (prev ? { version: prev.version } : null);
const statusBase = (prev: { version: number; status: string } | null) => (prev ? { version: prev.version, status: prev.status } : null);

/**
 * Merged into MUTATIONS (shared/domain/mutations.ts). The roles here are checked by the dispatcher's
 * caller and by the hub; the apply functions check ownership (only the agent answers their finding,
 * only the user signs themselves in), which the roles alone cannot say.
 */
export const QUALITY_MUTATIONS = {
  'qa.draw': define<z.output<typeof QaDrawArgs>, QaSample>({
    entity: 'qa_sample',
    args: QaDrawArgs,
    roles: QA_ROLES,
    idOf: (a) => a.id,
    // Two draws of the same month merge (a union of records): nothing to compare.
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor) => drawSample(prev, a, actor),
  }),
  'qa.add': define<z.output<typeof QaAddArgs>, QaSample>({
    entity: 'qa_sample',
    args: QaAddArgs,
    roles: QA_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor) => addToSample(prev, a, actor),
  }),
  'qa.review': define<z.output<typeof QaReviewArgs>, QaReview>({
    entity: 'qa_review',
    args: QaReviewArgs,
    roles: QA_ROLES,
    idOf: (a) => a.id,
    // Two reviewers scoring the same record offline: the second sees a conflict rather than silently replacing the first.
    workflowFields: ['version'],
    baseOf: versionOnly,
    apply: (prev, a, actor) => reviewRecord(prev, a, actor),
  }),
  'qa.markCase': define<z.output<typeof QaMarkCaseArgs>, QaReview>({
    entity: 'qa_review',
    args: QaMarkCaseArgs,
    roles: QA_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: versionOnly,
    apply: (prev, a, actor) => markTeachingCase(prev, a, actor),
  }),
  'finding.create': define<z.output<typeof FindingCreateArgs>, QaFinding>({
    entity: 'qa_finding',
    args: FindingCreateArgs,
    roles: QA_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor, env) => createFinding(prev, a, actor, env.quality),
  }),
  'finding.report': define<z.output<typeof FindingReportArgs>, QaFinding>({
    entity: 'qa_finding',
    args: FindingReportArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: statusBase,
    apply: (prev, a, actor) => reportFinding(prev, a, actor),
  }),
  'finding.appeal': define<z.output<typeof FindingAppealArgs>, QaFinding>({
    entity: 'qa_finding',
    args: FindingAppealArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: statusBase,
    apply: (prev, a, actor) => appealFinding(prev, a, actor),
  }),
  'finding.decide': define<z.output<typeof FindingDecideArgs>, QaFinding>({
    entity: 'qa_finding',
    args: FindingDecideArgs,
    roles: QA_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: statusBase,
    apply: (prev, a, actor, env) => decideFinding(prev, a, actor, env.quality),
  }),
  'scorecard.publish': define<z.output<typeof ScorecardPublishArgs>, ScorecardVersion>({
    entity: 'scorecard',
    args: ScorecardPublishArgs,
    roles: SCORECARD_PUBLISHERS,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor) => publishScorecard(prev, a, actor),
  }),
  'attendance.signIn': define<z.output<typeof SignInArgs>, Attendance>({
    entity: 'attendance',
    args: SignInArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor, env) => signIn(prev, a, actor, env.clock),
  }),
  'attendance.signOut': define<z.output<typeof SignOutArgs>, Attendance>({
    entity: 'attendance',
    args: SignOutArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['signOutAt'],
    baseOf: (prev) => (prev ? { version: prev.version, signOutAt: prev.signOutAt } : null),
    apply: (prev, a, actor, env) => signOut(prev, a, actor, env.clock),
  }),
  'leave.request': define<z.output<typeof LeaveRequestArgs>, Leave>({
    entity: 'leave',
    args: LeaveRequestArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor, env) => requestLeave(prev, a, actor, env.quality.calendar),
  }),
  'leave.cancel': define<z.output<typeof LeaveCancelArgs>, Leave>({
    entity: 'leave',
    args: LeaveCancelArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: statusBase,
    apply: (prev, a, actor) => cancelLeave(prev, a, actor),
  }),
  'leave.decide': define<z.output<typeof LeaveDecideArgs>, Leave>({
    entity: 'leave',
    args: LeaveDecideArgs,
    roles: LEAD_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: statusBase,
    apply: (prev, a, actor) => decideLeave(prev, a, actor),
  }),
};
