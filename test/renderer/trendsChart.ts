import { getInstanceByDom } from 'echarts/core';
import type { ChartClick } from '../../renderer/src/components/charts/EChart';

/**
 * Clicks an element of a drawn chart as ECharts reports it (jsdom does no layout, so there is no pixel
 * to click): the chart's own click handlers run with these parameters.
 */
export function clickChart(el: HTMLElement, params: Partial<ChartClick>): void {
  const chart = getInstanceByDom(el);
  if (!chart) throw new Error('no chart drawn in this element');
  chart.trigger('click', { componentType: 'series', type: 'click', ...params } as ChartClick);
}
