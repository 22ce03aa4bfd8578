import { Chart, type ChartConfiguration, Filler, Legend, LinearScale, LineController, LineElement, PointElement, TimeScale, Tooltip } from 'chart.js';
import 'chartjs-adapter-date-fns';
import { useEffect, useRef } from 'react';
import { addDays } from '@/lib/capture/business-date';
import { formatByUnit, type Lang } from '@/lib/format';
import type { MetricUnit } from '@/lib/metrics';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend, Filler);

export interface TrendChartProps {
  lang: Lang;
  label: string;
  previousLabel: string;
  unit: MetricUnit;
  /** date → value for the whole window we have (current and previous period). */
  values: Map<string, number>;
  asOf: string;
  days: number;
}

/**
 * The chosen metric over the chosen period on a time axis, with the previous period of the
 * same length overlaid (shifted onto the same dates) for comparison.
 */
export function TrendChart({ lang, label, previousLabel, unit, values, asOf, days }: TrendChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const current: { x: string; y: number | null }[] = [];
    const previous: { x: string; y: number | null }[] = [];
    for (let i = days - 1; i >= 0; i--) {
      const d = addDays(asOf, -i);
      current.push({ x: d, y: values.get(d) ?? null });
      previous.push({ x: d, y: values.get(addDays(d, -days)) ?? null });
    }
    const config: ChartConfiguration<'line', { x: string; y: number | null }[]> = {
      type: 'line',
      data: {
        datasets: [
          {
            label,
            data: current,
            borderColor: '#ff6a00',
            backgroundColor: 'rgba(255,106,0,0.08)',
            fill: true,
            pointRadius: days > 45 ? 0 : 2,
            borderWidth: 2,
            spanGaps: false,
          },
          { label: previousLabel, data: previous, borderColor: '#9aa3af', borderDash: [4, 3], pointRadius: 0, borderWidth: 1.5, spanGaps: false },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            type: 'time',
            time: { unit: days > 60 ? 'month' : 'day', tooltipFormat: 'yyyy-MM-dd', displayFormats: { day: 'MM-dd', month: 'yyyy-MM' } },
            ticks: { maxTicksLimit: 6 },
          },
          y: { beginAtZero: false, ticks: { maxTicksLimit: 5, callback: (v) => formatByUnit(Number(v), unit, lang) } },
        },
        plugins: {
          legend: { labels: { boxWidth: 12, font: { size: 11 } } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatByUnit(c.parsed.y, unit, lang)}` } },
        },
      },
    };
    if (chart.current) chart.current.destroy();
    chart.current = new Chart(canvas.current, config) as unknown as Chart;
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [lang, label, previousLabel, unit, values, asOf, days]);

  return (
    <div style={{ position: 'relative', height: 180 }}>
      <canvas ref={canvas} role="img" aria-label={`${label} ${asOf}`} />
    </div>
  );
}
