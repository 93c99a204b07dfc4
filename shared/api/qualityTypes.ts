import type { AppraisalFigures, AppraisalPart, AppraisalPeriod } from '../domain/appraisal';
import type { Attendance, Leave, Shift } from '../domain/attendance';
import type { Callback } from '../domain/callback';
import type { CallRecord } from '../domain/callRecord';
import type { Complaint } from '../domain/complaint';
import type { QaFinding, QaReview, ScorecardVersion } from '../domain/qaReview';
import type { QaRecordKind } from '../domain/quality';
import type { Role } from '../domain/roles';
import type { HistoryEntry } from './types';

/** Results of the QA, appraisal and attendance methods (docs/quality.md). */

export type { Attendance, Leave, QaFinding, QaReview, ScorecardVersion, Shift };

/** One sampled record with where its review stands. */
export interface QaItemRow {
  sampleId: string;
  month: string;
  agentId: string;
  agentName: string;
  kind: QaRecordKind;
  recordId: string;
  recordNo: string;
  at: string;
  manual: boolean;
  reason: string;
  /** The review's id (derived from month and record); null until reviewed. */
  reviewId: string | null;
  score: number | null;
  voided: boolean;
  reviewedAt: string | null;
  reviewerName: string;
  findings: number;
}

export interface QaAgentSummary {
  agentId: string;
  agentName: string;
  /** The agent's service records in the month. */
  population: number;
  sampled: number;
  reviewed: number;
  averageScore: number | null;
  fatal: number;
  openFindings: number;
}

/** A month's sample as the QA screen shows it. */
export interface QaMonth {
  month: string;
  ratePercent: number;
  seed: string | null;
  drawnAt: string | null;
  drawnBy: string;
  agents: QaAgentSummary[];
  items: QaItemRow[];
}

export interface QaDrawResult {
  month: string;
  seed: string;
  agents: number;
  /** Records in the month's sample after the draw, and how many this draw added. */
  sampled: number;
  added: number;
}

/** A sampled record as it was saved, beside its scorecard. */
export type QaRecordView =
  | { kind: 'call'; call: CallRecord }
  | { kind: 'complaint'; complaint: Complaint }
  | { kind: 'callback'; callback: Callback };

export interface QaItemDetail {
  item: QaItemRow;
  record: QaRecordView;
  history: HistoryEntry[];
  /** The script version the call was taken with, when known. */
  script: { id: string; kind: string; version: number; name: string } | null;
  recordingRef: string;
  review: QaReview | null;
  findings: QaFinding[];
  /** The review's scorecard version when reviewed, the active one otherwise. */
  scorecard: ScorecardVersion;
}

/** A finding with whether it is past its rectification deadline now. */
export type FindingRow = QaFinding & { overdue: boolean };

export interface TeachingCaseRow {
  reviewId: string;
  teachingCase: 'good' | 'bad';
  note: string;
  recordKind: QaRecordKind;
  recordId: string;
  recordNo: string;
  /** Shown to quality inspectors and leads; '' for others, so a bad example does not shame a colleague. */
  agentName: string;
  score: number;
  voided: boolean;
  reviewedAt: string;
}

export interface AppraisalRow {
  userId: string;
  userName: string;
  /** A callback officer's volume is the callbacks due to them, not calls (workloadOf): the screens say which. */
  role: Role;
  rank: number;
  figures: AppraisalFigures;
  /** Each part on 0–100 (null when nothing to measure), and the weighted total. */
  scores: Record<AppraisalPart, number | null>;
  total: number;
}

export interface AppraisalReport {
  period: AppraisalPeriod;
  key: string;
  from: string;
  to: string;
  rows: AppraisalRow[];
}

export type AttendanceDayState = 'present' | 'late' | 'early' | 'late_early' | 'absent' | 'leave' | 'rest' | 'upcoming';

export interface AttendanceDay {
  day: string;
  working: boolean;
  state: AttendanceDayState;
  record: Attendance | null;
  leave: { id: string; type: Leave['type'] } | null;
}

export interface AttendanceMonth {
  userId: string;
  userName: string;
  month: string;
  /** Working days so far this month (the whole month when past), less approved leave. */
  dueDays: number;
  presentDays: number;
  lateDays: number;
  earlyDays: number;
  absentDays: number;
  leaveDays: number;
  /** present / due × 100, one decimal; null when nothing was due. */
  rate: number | null;
  flag: 'low' | 'commended' | null;
  clockSuspect: number;
  days: AttendanceDay[];
}

export interface AttendanceToday {
  day: string;
  working: boolean;
  record: Attendance | null;
  shifts: Shift[];
  /** The shift whose start is nearest to now: the sign-in dialog's default. */
  suggestedShiftId: string;
}

export type LeaveRow = Leave;

export interface QualityExport {
  filename: string;
  mime: string;
  base64: string;
  rows: number;
}
