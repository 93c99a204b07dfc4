import { LABELS } from '../../../shared/domain/labels';

const L = LABELS.zh;

/** Chinese strings for 绩效 (the agent appraisal). `appraisalEn.ts` has the same shape. */
export const appraisalZh = {
  title: '绩效',
  parts: L.appraisalPart,
  period: {
    label: '考核期',
    kinds: { month: '月度', quarter: '季度', year: '年度' },
  },
  range: '{{from}} 至 {{to}}',
  team: {
    title: '团队绩效排名',
    rank: '排名',
    agent: '坐席',
    total: '总分',
    export: '导出 Excel',
    exported: '已导出 {{n}} 人:{{file}}',
    empty: '该考核期内没有参加考核的坐席',
    left: '无可考核内容,不计入总分',
    flagged: '出勤率低于 {{n}}%',
    commended: '出勤率达到 {{n}}%',
  },
  figures: {
    callsHandled: '接听 {{n}} 个',
    late: '超时接听 {{n}} 个({{share}})',
    complaints: '被投诉 {{n}} 次',
    callbacks: '按时 {{done}}/{{due}}',
    noCallbacks: '无到期回访',
    qa: '均分 {{avg}}(质检 {{n}} 条)',
    noQa: '未质检',
    fatal: '红线 {{n}} 次',
    satisfaction: '{{avg}} 分',
    noSatisfaction: '无评价',
    attendance: '{{rate}}%',
    noAttendance: '无应出勤日',
    score: '得分 {{n}}',
  },
  mine: {
    title: '我的绩效',
    none: '您不参加坐席绩效考核:绩效考核的是客服专员和回访员。',
    noneYet: '该考核期内还没有您的考核数据。',
    total: '总分',
    rank: '团队排名第 {{n}} 名',
    part: '考核项',
    figure: '实际情况',
    score: '得分(0–100)',
    weight: '权重',
    share: '占总分',
    points: '计入总分',
    left: '不计',
    how: '总分 = 各项得分按权重加权平均。没有可考核内容的项(如无到期回访、尚未质检)不计入,其权重由其余各项按比例分摊,既不加分也不扣分。',
    callsHandled: '接听量',
    callsLate: '超时接听占比',
    complaints: '被投诉',
    callbacks: '按时回访',
    qaAverage: '质检平均分',
    fatalErrors: '红线错误',
    satisfaction: '满意度',
    attendanceRate: '出勤率',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type AppraisalMessages = Shape<typeof appraisalZh>;

/** Chinese strings for 设置 → 质检、绩效与考勤 (administrators). `qualitySettingsEn` has the same shape. */
export const qualitySettingsZh = {
  tab: '质检、绩效与考勤',
  quality: '质检抽样',
  sampleRatePercent: '每月抽检比例(%)',
  sampleRateHelp: '每位坐席每月的服务记录按此比例抽取,每人至少 1 条',
  rectifyWorkingDays: '整改期限(工作日)',
  rectifyHelp: '质检发现的问题须在此期限内整改,按节假日日历计算',
  weights: '绩效权重',
  weightsHelp: '各项权重之和即总分的基数;服务规范(质检)须占 20% 以上。',
  share: '占 {{n}}%',
  serviceStandardShare: '服务规范须占总权重的 20% 以上(现为 {{n}}%)',
  weightsZero: '权重之和不能为 0',
  attendance: '考勤',
  shifts: '班次',
  shiftName: '名称',
  shiftStart: '上班',
  shiftEnd: '下班',
  shiftGrace: '宽限(分钟)',
  shiftTimeHelp: '24 小时制,如 08:30;下班早于上班为跨夜班',
  addShift: '添加班次',
  removeShift: '删除班次',
  duplicateShift: '班次重复',
  flagBelowPercent: '出勤率低于(%)预警',
  commendAbovePercent: '出勤率达到(%)表彰',
  commendBelowFlag: '表彰线不能低于预警线',
  clockSkewMinutes: '时钟偏差容许(分钟)',
  clockSkewHelp: '签到工作站的时钟与中心服务器相差超过此值,签到标记为时钟异常',
  saved: '已保存质检、绩效与考勤设置',
};
export type QualitySettingsMessages = Shape<typeof qualitySettingsZh>;
