import type { ECElementEvent, EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

/** What a click on a chart element reports (a point, a bar, a slice): ECharts' own event parameters. */
export type ChartClick = ECElementEvent;
export type ChartOption = EChartsCoreOption;

type Loaded = typeof import('./echarts');
let loading: Promise<Loaded> | null = null;
/** ECharts is loaded with the first chart shown, once. */
export const loadECharts = () => (loading ??= import('./echarts'));

/**
 * A chart: the option is ECharts' own (built by the page, with the page's words), drawn as SVG at the
 * container's width. `onClick` gets the element clicked, so a point can open the list behind it.
 * The container carries `data-chart-ready="1"` once the current option is drawn (tests and the print
 * view wait for it).
 */
export function EChart({ option, height = 240, onClick, testId }: { option: ChartOption; height?: number; onClick?: (params: ChartClick) => void; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [ready, setReady] = useState(false);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    let disposed = false;
    let instance: EChartsType | null = null;
    let observer: ResizeObserver | null = null;
    void loadECharts().then(({ echarts }) => {
      if (disposed || !el.current) return;
      instance = echarts.init(el.current, undefined, { renderer: 'svg' });
      instance.on('click', (p) => clickRef.current?.(p as ChartClick));
      instance.on('finished', () => setReady(true));
      // The board's columns change width with the window and the menu: redraw at the new width.
      observer = new ResizeObserver(() => instance?.resize());
      observer.observe(el.current);
      setChart(instance);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    if (!chart) return;
    setReady(false);
    // notMerge: a new option replaces the old one whole (a series dropped from the option disappears).
    chart.setOption(option, { notMerge: true });
  }, [chart, option]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} data-chart-ready={ready ? '1' : '0'} />;
}
