/** 趋势 on the team-lead board, and the tags its drill-downs show on the lists they open. */
export const trendsZh = {
  title: '趋势',
  span: { '30d': '30天', '12m': '12个月' },
  hint: '点击图中的点或柱形,打开它所统计的记录',
  satisfaction: {
    title: '满意度',
    average: '来电满意度均分',
    ratedCalls: '有评分的来电',
    callbacks: '回访',
    axisScore: '均分',
    axisCallbacks: '回访数',
  },
  complaints: { title: '投诉量(按等级)' },
  replyDue: { title: '答复时限达成率', met: '按时答复', missed: '超时(迟复或未复)', rate: '达成率' },
  /** Closable tags on the lists a point opens: they say why the list is narrowed. */
  tags: {
    doneBetween: '完成于 {{range}}',
    satisfaction: '回访结果:{{result}}',
    replyDue: '约定答复时间 {{range}}',
    met: '按时',
    missed: '超时',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type TrendsMessages = Shape<typeof trendsZh>;
