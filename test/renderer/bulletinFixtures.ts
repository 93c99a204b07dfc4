import type { BulletinFigures, BulletinVersionView, BulletinView, DeadlineFigure, PeriodFigures } from '../../shared/api/bulletinTypes';
import { type BulletinKind, bulletinIdOf, bulletinVersionIdOf, EMPTY_NARRATIVE } from '../../shared/domain/bulletin';
import type { BulletinNarrative } from '../../shared/domain/bulletin';

/** Figures and views as the core returns them, for the bulletin's screens (test/renderer/bulletin*.test.tsx). */

const deadline = (onTime: number, late: number, open = 0): DeadlineFigure => ({
  due: onTime + late + open,
  onTime,
  late,
  open,
  pending: 0,
  ratePercent: onTime + late + open ? Math.round((onTime / (onTime + late + open)) * 1000) / 10 : null,
});

/** One period's figures; `calls` sets the scale so that the previous period and last year differ. */
export function periodFigures(periodKey: string, calls: number): PeriodFigures {
  return {
    periodKey,
    from: '2026-10-31T16:00:00.000Z',
    to: '2026-11-30T16:00:00.000Z',
    calls: {
      total: calls,
      byCategory: { consultation: calls - 30, query: 10, complaint: 12, suggestion: 5, other: 3, none: 0 },
      answeredLate: 7,
      answeredOnSpot: calls - 20,
      onSpotRatePercent: calls ? Math.round(((calls - 20) / calls) * 1000) / 10 : null,
      response: { count: calls, avgSec: 9.25, p90Sec: 21 },
    },
    complaints: {
      total: 12,
      bySeverity: { general: 10, major: 1, crisis: 1 },
      byType: { result_doubt: 6, attitude: 2, timeliness: 2, fee: 1, other: 1 },
      byChannel: { phone: 9, visit: 1, fax: 0, letter: 0, email: 1, online: 1, other: 0 },
      handling: { count: 10, avgSec: 3 * 86400, p90Sec: 5 * 86400 },
      completion: deadline(8, 2),
    },
    callbacks: { due: 20, doneOnTime: 16, doneLate: 2, overdue: 2, pending: 0, satisfaction: { satisfied: 12, fairly_satisfied: 4, unsatisfied: 2 }, satisfiedRatePercent: 88.9 },
    escalations: deadline(11, 1),
    majorReports: deadline(2, 0),
    qa: { reviews: 30, averageScore: 91.5, fatal: 1, findingsOpen: 4, findingsOverdue: 1 },
    attendance: { people: 8, averageRatePercent: 96.2, flagged: 1, commended: 6 },
  };
}

export function figures(kind: BulletinKind = 'monthly', periodKey = '2026-11'): BulletinFigures {
  const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
  return {
    kind,
    periodKey,
    current: periodFigures(periodKey, 1234),
    previous: periodFigures('2026-10', 1000),
    lastYear: periodFigures('2025-11', 0),
    daily: days.map((day, i) => ({ day, calls: 40 + (i % 5), complaints: i % 2, satisfied: 1, fairlySatisfied: 0, unsatisfied: i % 7 ? 0 : 1, deadlinesDue: 1, deadlinesMet: i % 4 ? 1 : 0 })),
    keyAccounts: [
      {
        kind: 'call',
        id: 'c0a80101-0000-4000-8000-000000000001',
        customerId: 'c0a80101-0000-4000-8000-0000000000c1',
        recordNo: 'LD-20261103-A07-0001',
        at: '2026-11-03T02:00:00.000Z',
        customerName: '陈经理',
        organisation: '杭州丝绸集团',
        text: '希望检测报告能提前两天出具',
      },
    ],
    keyAccountsTotal: 1,
    carriedPlan:
      kind === 'quarterly'
        ? {
            fromPeriod: '2026-Q3',
            fromVersion: 2,
            items: [{ id: '7d0f8d61-3c0a-4bd1-9d7e-6c1c9d2b0a11', item: '缩短复检报告出具时间', owner: '质量技术部', dueDay: '2026-10-31', status: 'in_progress', followUp: '已从7天缩短到5天' }],
          }
        : null,
    computedAt: '2026-12-07T01:00:00.000Z',
  };
}

export const DISTRIBUTION = ['客户服务部负责人', '质量技术部'];

export function view(over: Partial<BulletinView> = {}, kind: BulletinKind = 'monthly', periodKey = '2026-11'): BulletinView {
  return {
    bulletinId: bulletinIdOf(kind, periodKey),
    kind,
    periodKey,
    draft: null,
    narrative: EMPTY_NARRATIVE,
    canEdit: true,
    periodOver: true,
    figures: figures(kind, periodKey),
    versions: [],
    distribution: DISTRIBUTION,
    ...over,
  };
}

export const NARRATIVE: BulletinNarrative = {
  ...EMPTY_NARRATIVE,
  summary: '本月来电平稳。',
  representative: [{ complaintId: '0b3f3b0e-9d0c-4a51-9b7e-2f6a1c0d9e01', complaintNo: 'TS-2026-A07-0012', summary: '客户质疑色牢度结果', handling: '已安排复检,结果维持' }],
  rectifications: [{ id: '4a8c2d7e-1b3f-4c5d-8e9f-0a1b2c3d4e5f', department: '质量技术部', issue: '复检告知不清', measure: '印发复检须知', status: 'in_progress', note: '' }],
};

export function version(number = 1, over: Partial<BulletinVersionView> = {}): BulletinVersionView {
  const bulletinId = bulletinIdOf('monthly', '2026-11');
  return {
    id: bulletinVersionIdOf(bulletinId, number),
    bulletinId,
    kind: 'monthly',
    periodKey: '2026-11',
    number,
    figures: figures(),
    narrative: NARRATIVE,
    distribution: DISTRIBUTION,
    publishedAt: '2026-12-01T02:30:00.000Z',
    publishedBy: '张丽娟',
    publishedById: 'user-1',
    ...over,
  };
}
