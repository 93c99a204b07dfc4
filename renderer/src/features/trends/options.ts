import type { TrendPoint } from '../../../../shared/api/trendsTypes';
import { CALLBACK_RESULTS, SEVERITIES } from '../../../../shared/domain/complaint';
import type { EnumLabels, Lang } from '../../../../shared/domain/labels';
import type { ChartOption } from '../../components/charts/EChart';
import type { TrendSeries } from './drill';

export interface Words {
  t: (key: string, opts?: Record<string, unknown>) => string;
  label: <K extends 'severity' | 'callbackResult'>(kind: K, value: keyof EnumLabels[K]) => string;
  lang: Lang;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A bucket on the axis: 11-23 for a day; 11月 / Nov for a month, with the year on January. */
export function axisLabel(key: string, lang: Lang): string {
  if (key.length === 10) return key.slice(5);
  const [y, m] = key.split('-').map(Number) as [number, number];
  const month = lang === 'zh' ? `${m}月` : MONTHS_EN[m - 1]!;
  return m === 1 ? (lang === 'zh' ? `${y}年${month}` : `${month} ${y}`) : month;
}

export const COLORS = {
  satisfied: '#52c41a',
  fairly_satisfied: '#1677ff',
  unsatisfied: '#ff4d4f',
  general: '#69b1ff',
  major: '#fa8c16',
  crisis: '#cf1322',
  met: '#52c41a',
  missed: '#ff4d4f',
  line: '#722ed1',
} as const;

/** The frame all three charts share: the buckets on the x axis, the legend below, room for two y axes. */
function frame(points: TrendPoint[], lang: Lang, tooltip: (i: number) => string): ChartOption {
  return {
    animation: false,
    // Room below the axis for a legend on two lines (the English words are longer).
    grid: { left: 8, right: 8, top: 28, bottom: 48, containLabel: true },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 8, itemGap: 8, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[] | { dataIndex: number }) => tooltip((Array.isArray(params) ? params[0] : params)?.dataIndex ?? 0),
    },
    xAxis: { type: 'category', data: points.map((p) => axisLabel(p.key, lang)), axisLabel: { fontSize: 11, hideOverlap: true } },
  };
}

const line = (name: string, html: string) => `<div>${name}: <b>${html}</b></div>`;
const head = (p: TrendPoint) => `<div style="font-weight:600">${p.key}</div>`;

/** 满意度: rated calls' average (line, left axis 1–5) over callbacks reached by result (stacked bars, right axis). */
export function satisfactionOption(points: TrendPoint[], w: Words): ChartOption {
  const avgName = w.t('trends.satisfaction.average');
  return {
    ...frame(points, w.lang, (i) => {
      const p = points[i]!;
      return [
        head(p),
        line(avgName, p.rated.average === null ? '—' : `${p.rated.average}`),
        line(w.t('trends.satisfaction.ratedCalls'), `${p.rated.calls}`),
        ...CALLBACK_RESULTS.map((r) => line(`${w.t('trends.satisfaction.callbacks')} · ${w.label('callbackResult', r)}`, `${p.callbacks[r]}`)),
      ].join('');
    }),
    yAxis: [
      { type: 'value', min: 1, max: 5, interval: 1, name: w.t('trends.satisfaction.axisScore'), nameTextStyle: { fontSize: 11 } },
      { type: 'value', minInterval: 1, name: w.t('trends.satisfaction.axisCallbacks'), nameTextStyle: { fontSize: 11 }, splitLine: { show: false } },
    ],
    series: [
      ...CALLBACK_RESULTS.map((r) => ({
        id: `callback:${r}` satisfies TrendSeries,
        name: w.label('callbackResult', r),
        type: 'bar',
        stack: 'callbacks',
        yAxisIndex: 1,
        barMaxWidth: 18,
        itemStyle: { color: COLORS[r] },
        data: points.map((p) => p.callbacks[r]),
      })),
      {
        id: 'rated' satisfies TrendSeries,
        name: avgName,
        type: 'line',
        yAxisIndex: 0,
        // No line across days without a value: it would draw a trend that is not there.
        connectNulls: false,
        symbolSize: 7,
        itemStyle: { color: COLORS.line },
        data: points.map((p) => p.rated.average),
      },
    ],
  };
}

/** 投诉量: complaints received by severity (stacked bars). */
export function complaintsOption(points: TrendPoint[], w: Words): ChartOption {
  return {
    ...frame(points, w.lang, (i) => {
      const p = points[i]!;
      return [head(p), ...SEVERITIES.map((s) => line(w.label('severity', s), `${p.complaints[s]}`))].join('');
    }),
    yAxis: { type: 'value', minInterval: 1 },
    series: SEVERITIES.map((s) => ({
      id: `severity:${s}` satisfies TrendSeries,
      name: w.label('severity', s),
      type: 'bar',
      stack: 'complaints',
      barMaxWidth: 18,
      itemStyle: { color: COLORS[s] },
      data: points.map((p) => p.complaints[s]),
    })),
  };
}

/** 答复时限: reply deadlines met and missed (stacked bars) and the rate met (line, right axis, %). */
export function replyDueOption(points: TrendPoint[], w: Words): ChartOption {
  const rateName = w.t('trends.replyDue.rate');
  return {
    ...frame(points, w.lang, (i) => {
      const p = points[i]!;
      return [
        head(p),
        line(rateName, p.replyDue.rate === null ? '—' : `${p.replyDue.rate}%`),
        line(w.t('trends.replyDue.met'), `${p.replyDue.met}`),
        line(w.t('trends.replyDue.missed'), `${p.replyDue.missed}`),
      ].join('');
    }),
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      ...(['met', 'missed'] as const).map((k) => ({
        id: `replyDue:${k}` satisfies TrendSeries,
        name: w.t(`trends.replyDue.${k}`),
        type: 'bar',
        stack: 'replyDue',
        barMaxWidth: 18,
        itemStyle: { color: COLORS[k] },
        data: points.map((p) => p.replyDue[k]),
      })),
      {
        id: 'replyDueRate',
        name: rateName,
        type: 'line',
        yAxisIndex: 1,
        // No line across days without a value: it would draw a trend that is not there.
        connectNulls: false,
        symbolSize: 6,
        // The rate is a ratio of the two bars: its point opens nothing of its own (the bars do).
        silent: true,
        itemStyle: { color: COLORS.line },
        data: points.map((p) => p.replyDue.rate),
      },
    ],
  };
}
