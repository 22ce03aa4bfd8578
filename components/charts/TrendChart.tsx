import { Chart, type ChartDataset, Filler, Legend, LinearScale, LineController, LineElement, PointElement, TimeScale, Tooltip } from 'chart.js';
import 'chartjs-adapter-date-fns';
import { useEffect, useRef } from 'react';
import { formatByUnit, type Lang } from '@/lib/format';
import type { MetricUnit } from '@/lib/metrics';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend, Filler);

export type Pt = { x: string; y: number | null };

export interface TrendChartProps {
  lang: Lang;
  unit: MetricUnit;
  /** The chosen period. */
  current: { label: string; points: Pt[] };
  /** The comparison period, already mapped onto the current dates. */
  compare?: { label: string; points: Pt[] };
  /** Forecast mean and its 80 % band, after the last actual day. */
  forecast?: { label: string; points: { x: string; mean: number; lo: number; hi: number }[] };
  height?: number;
}

/** A metric on a time axis, with the comparison period overlaid and a forecast band if given. */
export function TrendChart({ lang, unit, current, compare, forecast, height = 180 }: TrendChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const many = current.points.length > 45;
    const datasets: ChartDataset<'line', Pt[]>[] = [
      {
        label: current.label,
        data: current.points,
        borderColor: '#ff6a00',
        backgroundColor: 'rgba(255,106,0,0.08)',
        fill: true,
        pointRadius: many ? 0 : 2,
        borderWidth: 2,
      },
    ];
    if (compare) datasets.push({ label: compare.label, data: compare.points, borderColor: '#9aa3af', borderDash: [4, 3], pointRadius: 0, borderWidth: 1.5 });
    if (forecast?.points.length) {
      const f = forecast.points;
      datasets.push(
        {
          label: `${forecast.label} (80%)`,
          data: f.map((p) => ({ x: p.x, y: p.hi })),
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: 'rgba(29,95,191,0.12)',
          fill: '+1',
        },
        { label: '_lo', data: f.map((p) => ({ x: p.x, y: p.lo })), borderWidth: 0, pointRadius: 0, fill: false },
        { label: forecast.label, data: f.map((p) => ({ x: p.x, y: p.mean })), borderColor: '#1d5fbf', borderDash: [2, 2], pointRadius: 0, borderWidth: 1.5 },
      );
    }
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            type: 'time',
            time: { unit: current.points.length > 60 ? 'month' : 'day', tooltipFormat: 'yyyy-MM-dd', displayFormats: { day: 'MM-dd', month: 'yyyy-MM' } },
            ticks: { maxTicksLimit: 6 },
          },
          y: { beginAtZero: false, ticks: { maxTicksLimit: 5, callback: (v) => formatByUnit(Number(v), unit, lang) } },
        },
        plugins: {
          legend: { labels: { boxWidth: 12, font: { size: 11 }, filter: (item) => item.text !== '_lo' } },
          tooltip: {
            filter: (item) => item.dataset.label !== '_lo',
            callbacks: { label: (c) => `${c.dataset.label}: ${formatByUnit(c.parsed.y, unit, lang)}` },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [lang, unit, current, compare, forecast]);

  return (
    <div style={{ position: 'relative', height }}>
      <canvas ref={canvas} role="img" aria-label={current.label} />
    </div>
  );
}
