import type { Bulletin, BulletinKind, BulletinNarrative, BulletinVersion, PlanItem } from '../domain/bulletin';
import type { CallCategory } from '../domain/callRecord';
import type { ComplaintChannel, ComplaintType, Severity } from '../domain/complaint';
import type { z } from 'zod';

/**
 * Results of the bulletin methods: the monthly bulletin 《客户服务交流信息》 and the quarterly quality
 * report (docs/reports.md defines every figure in the words the bulletin prints).
 */

export type { Bulletin, BulletinKind, BulletinNarrative };
export type PlanItemValue = z.output<typeof PlanItem>;

/** A duration's average and 90th percentile, in seconds, over `count` records; null when there are none. */
export interface DurationFigure {
  count: number;
  avgSec: number | null;
  p90Sec: number | null;
}

/** Met and missed deadlines of one kind (escalation, major report, completion); which records count: docs/reports.md. */
export interface DeadlineFigure {
  /** All the records counted: onTime + late + open + pending. */
  due: number;
  /** Done by the deadline. */
  onTime: number;
  /** Done after the deadline. */
  late: number;
  /** Not done, and the deadline passed before the figures were computed. */
  open: number;
  /** Not done, and the deadline still ahead when the figures were computed (a period not over). */
  pending: number;
  /** onTime ÷ (onTime + late + open) × 100, one decimal; null when none is decided. */
  ratePercent: number | null;
}

export interface CallFigures {
  total: number;
  byCategory: Record<CallCategory | 'none', number>;
  /** Answered after the third ring (the three-ring rule; call_records.answered_late). */
  answeredLate: number;
  /** Calls whose sheet says answered on the spot (answered_on_spot = 1). */
  answeredOnSpot: number;
  /** answeredOnSpot ÷ total × 100, one decimal; null when there are no calls. */
  onSpotRatePercent: number | null;
  /** Rang → answered. */
  response: DurationFigure;
}

export interface ComplaintFigures {
  total: number;
  bySeverity: Record<Severity, number>;
  byType: Record<ComplaintType, number>;
  byChannel: Record<ComplaintChannel, number>;
  /** Received → completed, over the complaints completed in the period. */
  handling: DurationFigure;
  /** The reply deadline (agreed reply time) of the complaints whose deadline fell in the period. */
  completion: DeadlineFigure;
}

export interface CallbackFigures {
  /** Callbacks whose due time fell in the period (cancelled ones left out). */
  due: number;
  /** Of those, done (or found unreachable) by their due time. */
  doneOnTime: number;
  /** Of those, done after their due time. */
  doneLate: number;
  /** Of those, still open past their due time when the figures were computed. */
  overdue: number;
  /** Of those, open and not yet due (a period not over). */
  pending: number;
  /** Satisfaction recorded by the callbacks done in the period. */
  satisfaction: { satisfied: number; fairly_satisfied: number; unsatisfied: number };
  /** (satisfied + fairly satisfied) ÷ all answers × 100, one decimal; null with no answers. */
  satisfiedRatePercent: number | null;
}

export interface QaFigures {
  reviews: number;
  /** Average score of the reviews not voided by a red line; null with none. */
  averageScore: number | null;
  /** Reviews voided by a red line (fatal). */
  fatal: number;
  findingsOpen: number;
  findingsOverdue: number;
}

export interface AttendanceFigures {
  /** People with a rostered working day in the period. */
  people: number;
  averageRatePercent: number | null;
  /** Below the settings' flag line (90%). */
  flagged: number;
  /** At or above the commendation line (95%). */
  commended: number;
}

/** Every figure of one period. */
export interface PeriodFigures {
  periodKey: string;
  /** The period's first instant and the next period's first instant, Beijing time, as ISO strings. */
  from: string;
  to: string;
  calls: CallFigures;
  complaints: ComplaintFigures;
  callbacks: CallbackFigures;
  /** Complaints received in the period: passed on (escalated or assigned) within the escalation time. */
  escalations: DeadlineFigure;
  /** Major and crisis complaints received in the period: reported within the report time. */
  majorReports: DeadlineFigure;
  qa: QaFigures;
  attendance: AttendanceFigures;
}

/** One day of the charts (Beijing day, 2026-11-03). */
export interface DailyPoint {
  day: string;
  calls: number;
  complaints: number;
  satisfied: number;
  fairlySatisfied: number;
  unsatisfied: number;
  /** Completion deadlines falling on the day, and how many of those were met. */
  deadlinesDue: number;
  deadlinesMet: number;
}

/** What the period's records of key accounts (customers with keyAccount) say: content or problem. */
export interface KeyAccountEntry {
  kind: 'call' | 'complaint';
  id: string;
  customerId: string;
  recordNo: string;
  at: string;
  customerName: string;
  organisation: string;
  text: string;
}

export interface BulletinFigures {
  kind: BulletinKind;
  periodKey: string;
  current: PeriodFigures;
  /** The month (or quarter) before. */
  previous: PeriodFigures;
  /** The same month (or quarter) a year before. */
  lastYear: PeriodFigures;
  /** Per day of the current period, every day present. */
  daily: DailyPoint[];
  /** At most 200, newest first; `keyAccountsTotal` says how many there were. */
  keyAccounts: KeyAccountEntry[];
  keyAccountsTotal: number;
  /** Quarterly only: the previous quarter's plan items with their status; null for a month. */
  carriedPlan: CarriedPlan | null;
  computedAt: string;
}

/** The previous quarter's improvement plan, shown in the next quarter's report for follow-up. */
export interface CarriedPlan {
  fromPeriod: string;
  /** The published version it was taken from; null when only a draft exists. */
  fromVersion: number | null;
  items: PlanItemValue[];
}

export interface BulletinVersionSummary {
  id: string;
  number: number;
  publishedAt: string;
  publishedBy: string;
}

/** bulletin.get: the draft (or an empty one not yet saved), live figures and the versions. */
export interface BulletinView {
  bulletinId: string;
  kind: BulletinKind;
  periodKey: string;
  /** null: nobody has saved a narrative for this period yet; `narrative` is then empty. */
  draft: Bulletin | null;
  narrative: BulletinNarrative;
  /** The viewer may save and publish (team leads). */
  canEdit: boolean;
  /** The period has ended (Beijing time), so it may be published. */
  periodOver: boolean;
  figures: BulletinFigures;
  versions: BulletinVersionSummary[];
  /** Who a publication now would go to (settings). */
  distribution: string[];
}

/** A frozen published version, figures as they were. */
export type BulletinVersionView = Omit<BulletinVersion, 'figures'> & { figures: BulletinFigures };

/** bulletin.list: one row per period with a draft or a published version. */
export interface BulletinListRow {
  bulletinId: string;
  kind: BulletinKind;
  periodKey: string;
  /** The newest published version; null when none (only leads see such rows). */
  latest: BulletinVersionSummary | null;
  versions: number;
  /** Leads only: the draft's state; null for other roles or when no draft was saved. */
  draft: { dirty: boolean; editedBy: string; updatedAt: string; version: number } | null;
}

export interface BulletinExport {
  filename: string;
  mime: string;
  base64: string;
  /** Rows written over all sheets. */
  rows: number;
}
