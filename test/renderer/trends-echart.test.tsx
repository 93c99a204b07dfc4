import { act, render, screen } from '@testing-library/react';
import { getInstanceByDom } from 'echarts/core';
import { describe, expect, it, vi } from 'vitest';
import { EChart, loadECharts } from '../../renderer/src/components/charts/EChart';
import { clickChart } from './trendsChart';

const settle = () => act(async () => {});

// jsdom has no canvas (ECharts measures text with one) and no layout: a chart 600 × 200 px, text measured as nothing.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 200 });

describe('EChart', () => {
  it('loads ECharts lazily, draws the option as SVG, reports clicks and is ready once drawn', async () => {
    await loadECharts();
    const onClick = vi.fn();
    const option = { animation: false, xAxis: { type: 'category', data: ['a', 'b'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [1, 2] }] };
    render(<EChart option={option} height={200} onClick={onClick} testId="chart" />);
    await settle();
    await settle();
    const el = screen.getByTestId('chart');
    expect(el.style.height).toBe('200px');
    expect(getInstanceByDom(el)).toBeDefined();
    expect(el.querySelector('svg')).not.toBeNull();
    // A click as ECharts reports it for the second bar reaches the page's handler.
    clickChart(el, { seriesIndex: 0, dataIndex: 1, value: 2 });
    expect(onClick).toHaveBeenCalledWith(expect.objectContaining({ seriesIndex: 0, dataIndex: 1 }));
    expect(el.getAttribute('data-chart-ready')).toBe('1');
  });
});
