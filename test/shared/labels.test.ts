import { describe, expect, it } from 'vitest';
import { CALLBACK_ASSIGNMENTS, CALLBACK_KINDS, CALLBACK_STATUSES } from '../../shared/domain/callback';
import { CALL_CATEGORIES, CALL_STATUSES, SPECIAL_SITUATIONS } from '../../shared/domain/callRecord';
import { CALLBACK_RESULTS, COMPLAINT_CHANNELS, COMPLAINT_STATUSES, COMPLAINT_TYPES, SEVERITIES, SIGNOFF_KINDS } from '../../shared/domain/complaint';
import { CLOCK_KINDS, CLOCK_STATES } from '../../shared/domain/deadlines';
import { clockFlagLabel, type EnumLabels, enumLabel, LABELS, type LabelKind, LANGS } from '../../shared/domain/labels';
import { ROLES } from '../../shared/domain/roles';
import { AUDIT_ACTIONS } from '../../shared/sync/audit';
import { SCRIPT_ACTIONS, SCRIPT_KINDS } from '../../shared/domain/script';
import { APPRAISAL_PARTS } from '../../shared/domain/appraisal';
import { LEAVE_STATUSES, LEAVE_TYPES } from '../../shared/domain/attendance';
import { FINDING_STATUSES, TEACHING_CASES } from '../../shared/domain/qaReview';
import { QA_RECORD_KINDS } from '../../shared/domain/quality';
import { BULLETIN_KINDS, PLAN_STATUSES, RECTIFICATION_STATUSES } from '../../shared/domain/bulletin';
import { HANDOVER_ITEM_KINDS, HANDOVER_STATUSES } from '../../shared/domain/handover';
import { cellValue, columnTitle, flagsText, TRACKING_COLUMNS, type TrackingRow } from '../../shared/domain/tracking';

/**
 * The value lists as shared/domain declares them. Typed over every label kind, so a new table in
 * labels.ts must be listed here; iterating the real arrays makes a value added there without words fail.
 */
const ENUMS: { [K in LabelKind]: readonly (keyof EnumLabels[K])[] } = {
  role: ROLES,
  callCategory: CALL_CATEGORIES,
  callStatus: CALL_STATUSES,
  specialSituation: SPECIAL_SITUATIONS,
  complaintChannel: COMPLAINT_CHANNELS,
  severity: SEVERITIES,
  complaintType: COMPLAINT_TYPES,
  complaintStatus: COMPLAINT_STATUSES,
  callbackResult: CALLBACK_RESULTS,
  signoffKind: SIGNOFF_KINDS,
  clockKind: CLOCK_KINDS,
  clockState: CLOCK_STATES,
  callbackKind: CALLBACK_KINDS,
  callbackStatus: CALLBACK_STATUSES,
  callbackAssignment: CALLBACK_ASSIGNMENTS,
  scriptKind: SCRIPT_KINDS,
  scriptAction: SCRIPT_ACTIONS,
  trackingColumn: TRACKING_COLUMNS.map((c) => c.key),
  auditAction: AUDIT_ACTIONS,
  qaRecordKind: QA_RECORD_KINDS,
  findingStatus: FINDING_STATUSES,
  teachingCase: TEACHING_CASES,
  leaveType: LEAVE_TYPES,
  leaveStatus: LEAVE_STATUSES,
  appraisalPart: APPRAISAL_PARTS,
  bulletinKind: BULLETIN_KINDS,
  rectificationStatus: RECTIFICATION_STATUSES,
  planStatus: PLAN_STATUSES,
  handoverItemKind: HANDOVER_ITEM_KINDS,
  handoverStatus: HANDOVER_STATUSES,
};
const KINDS = Object.keys(ENUMS) as LabelKind[];
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('enumeration labels (one source per language)', () => {
  it('has non-empty words for every value of every enumeration, in both languages, and nothing else', () => {
    expect(KINDS.sort()).toEqual(Object.keys(LABELS.zh).sort());
    for (const lang of LANGS) {
      for (const kind of KINDS) {
        const values = ENUMS[kind] as readonly string[];
        expect(values.length, kind).toBeGreaterThan(0);
        for (const v of values) {
          const words = enumLabel(kind, v as never, lang);
          expect(typeof words, `${lang}.${kind}.${v}`).toBe('string');
          expect(words.trim(), `${lang}.${kind}.${v}`).not.toBe('');
          // Chinese mode shows Chinese; English mode must not fall back to Chinese.
          expect(CJK.test(words), `${lang}.${kind}.${v}: ${words}`).toBe(lang === 'zh');
        }
        expect(Object.keys(LABELS[lang][kind]).sort(), `${lang}.${kind}`).toEqual([...values].sort());
        // Two values with the same words could not be told apart in a filter.
        const words = values.map((v) => enumLabel(kind, v as never, lang));
        expect(new Set(words).size, `${lang}.${kind} ${words.join(' / ')}`).toBe(words.length);
      }
    }
  });

  it('uses the regulation wording where copies used to disagree', () => {
    expect(enumLabel('complaintStatus', 'closed')).toBe('已办结');
    expect(enumLabel('complaintChannel', 'letter')).toBe('信函');
    expect(enumLabel('complaintChannel', 'email')).toBe('电子邮件');
    expect(enumLabel('complaintChannel', 'other')).toBe('其他');
    expect(enumLabel('callbackResult', 'fairly_satisfied')).toBe('基本满意');
    expect(enumLabel('clockKind', 'complete')).toBe('答复');
    expect(enumLabel('complaintStatus', 'closed', 'en')).toBe('Closed');
  });

  it('feeds the tracking sheet cells, flags and headers that the export and print write', () => {
    const row = {
      severity: 'major',
      status: 'closed',
      departments: ['市场部', '检测部'],
      callbackResult: 'fairly_satisfied',
      overdue: ['report'],
      late: ['complete'],
    } as unknown as TrackingRow;
    expect(cellValue(row, 'status')).toBe('已办结');
    expect(cellValue(row, 'severity')).toBe('重大投诉');
    expect(cellValue(row, 'callbackResult')).toBe('基本满意');
    expect(cellValue(row, 'departments')).toBe('市场部、检测部');
    expect(cellValue(row, 'flags')).toBe('上报超期、答复逾期完成');
    expect(cellValue(row, 'status', 'en')).toBe('Closed');
    expect(flagsText(row, 'en')).toBe('Report overdue, Reply met late');
    expect(clockFlagLabel('escalate', 'warning', 'zh')).toBe('升级将到期');
    expect(TRACKING_COLUMNS.map((c) => c.title)).toEqual(TRACKING_COLUMNS.map((c) => columnTitle(c.key, 'zh')));
    expect(columnTitle('closedAt')).toBe('办结时间');
    expect(columnTitle('complaintNo', 'en')).toBe('Complaint no.');
  });
});
