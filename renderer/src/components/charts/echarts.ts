/**
 * The one place that loads ECharts, with only the charts and components the console draws. It is
 * imported dynamically by EChart.tsx, so ECharts comes down with the first chart and never with the
 * login page or the call screen. A page that needs another chart type registers it here.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// SVG rather than canvas: charts print as vectors (the bulletin's A4 view) and stay sharp at any zoom.
echarts.use([BarChart, LineChart, PieChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export { echarts };
