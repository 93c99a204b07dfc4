import type { BulletinFigures } from '../../../../shared/api/bulletinTypes';
import { CALL_CATEGORIES } from '../../../../shared/domain/callRecord';
import type { ChartOption } from '../../components/charts/EChart';
import { enumLabel } from '../../../../shared/domain/labels';
import type { Words } from './figureRows';

/**
 * The bulletin's four charts as ECharts options, with the caller's words (the screen's language on
 * screen, Chinese on paper). No animation: the print view and the tests wait for the drawing to finish,
 * and a chart on paper has nothing to animate.
 */
export type ChartKey = 'daily' | 'categories' | 'satisfaction' | 'deadlines';
export const CHART_KEYS: ChartKey[] = ['daily', 'categories', 'satisfaction', 'deadlines'];

const GREEN = '#52c41a';
const BLUE = '#1677ff';
const RED = '#ff4d4f';
const ORANGE = '#fa8c16';

const base = { animation: false, textStyle: { fontSize: 11 } };
const grid = { left: 36, right: 40, top: 30, bottom: 24, containLabel: false };
const legend = { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } };
/** 2026-11-03 → 11-03: the year is the period's, the day is what the axis needs. */
const days = (f: BulletinFigures) => f.daily.map((d) => d.day.slice(5));

export function chartOptions(f: BulletinFigures, { t, lang }: Words): Record<ChartKey, ChartOption> {
  const c = (k: string) => t(`bulletin.charts.${k}`);
  const x = { type: 'category', data: days(f), axisLabel: { fontSize: 10 }, axisTick: { alignWithLabel: true } };
  const counts = { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } };
  const slices = [
    ...CALL_CATEGORIES.map((k) => ({ name: enumLabel('callCategory', k, lang), value: f.current.calls.byCategory[k] ?? 0 })),
    { name: t('bulletin.noCategory'), value: f.current.calls.byCategory.none ?? 0 },
  ].filter((s) => s.value > 0);
  return {
    daily: {
      ...base,
      tooltip: { trigger: 'axis' },
      legend,
      grid,
      xAxis: x,
      yAxis: [counts, { ...counts, splitLine: { show: false } }],
      series: [
        { name: c('calls'), type: 'bar', data: f.daily.map((d) => d.calls), itemStyle: { color: BLUE } },
        { name: c('complaints'), type: 'line', yAxisIndex: 1, data: f.daily.map((d) => d.complaints), itemStyle: { color: ORANGE }, symbolSize: 4 },
      ],
    },
    categories: {
      ...base,
      tooltip: { trigger: 'item' },
      series: [
        {
          name: c('categories'),
          type: 'pie',
          // Two lines per label, so that the labels fit beside the ring in half an A4 page's width.
          radius: ['30%', '56%'],
          center: ['50%', '52%'],
          label: { formatter: '{b}\n{c} ({d}%)', fontSize: 11, lineHeight: 14 },
          data: slices.length ? slices : [{ name: t('bulletin.charts.noData'), value: 0 }],
        },
      ],
    },
    satisfaction: {
      ...base,
      tooltip: { trigger: 'axis' },
      legend,
      grid,
      xAxis: x,
      yAxis: counts,
      series: [
        { name: enumLabel('callbackResult', 'satisfied', lang), type: 'bar', stack: 's', data: f.daily.map((d) => d.satisfied), itemStyle: { color: GREEN } },
        { name: enumLabel('callbackResult', 'fairly_satisfied', lang), type: 'bar', stack: 's', data: f.daily.map((d) => d.fairlySatisfied), itemStyle: { color: BLUE } },
        { name: enumLabel('callbackResult', 'unsatisfied', lang), type: 'bar', stack: 's', data: f.daily.map((d) => d.unsatisfied), itemStyle: { color: RED } },
      ],
    },
    deadlines: {
      ...base,
      tooltip: { trigger: 'axis' },
      legend,
      grid,
      xAxis: x,
      yAxis: [counts, { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 10, formatter: '{value}%' }, splitLine: { show: false } }],
      series: [
        { name: c('met'), type: 'bar', stack: 'd', data: f.daily.map((d) => d.deadlinesMet), itemStyle: { color: GREEN } },
        { name: c('missed'), type: 'bar', stack: 'd', data: f.daily.map((d) => d.deadlinesDue - d.deadlinesMet), itemStyle: { color: RED } },
        {
          name: c('rate'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          symbolSize: 4,
          itemStyle: { color: ORANGE },
          data: f.daily.map((d) => (d.deadlinesDue ? Math.round((d.deadlinesMet / d.deadlinesDue) * 1000) / 10 : null)),
        },
      ],
    },
  };
}
