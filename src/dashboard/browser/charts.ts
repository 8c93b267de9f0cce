import type uPlot from 'uplot';

// uPlot is loaded by its own <script> (served from node_modules by the service), not bundled.
const UPlot = (globalThis as unknown as { uPlot: typeof uPlot }).uPlot;

const HEIGHT = 260;
const charts = new Map<HTMLElement, uPlot>();

function draw(container: HTMLElement, options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData) {
  charts.get(container)?.destroy();
  const chart = new UPlot({ ...options, width: container.clientWidth || 640, height: HEIGHT }, data, container);
  charts.set(container, chart);
}

addEventListener('resize', () => {
  for (const [container, chart] of charts) chart.setSize({ width: container.clientWidth || 640, height: HEIGHT });
});

const money = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** A bar per label (months); null is no bar. The chart only draws: the table beside it has the exact numbers. */
export function barChart(container: HTMLElement, labels: string[], values: (number | null)[], seriesLabel: string) {
  draw(
    container,
    {
      // Bars start at zero, or their heights would not compare.
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        { values: (_chart, ticks) => ticks.map((tick) => labels[tick] ?? ''), splits: () => labels.map((_, index) => index) },
        { values: (_chart, ticks) => ticks.map(money), size: 70 },
      ],
      series: [
        {},
        {
          label: seriesLabel,
          fill: 'rgba(37, 99, 235, 0.55)',
          stroke: '#2563eb',
          paths: UPlot.paths.bars!({ size: [0.7, 80] }),
          points: { show: false },
        },
      ],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
    },
    [labels.map((_, index) => index), values],
  );
}

/** A line over days (YYYY-MM-DD), drawn in UTC so that each point sits on its own calendar day. */
export function lineChart(container: HTMLElement, days: string[], values: number[], seriesLabel: string) {
  draw(
    container,
    {
      tzDate: (seconds) => UPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      axes: [{}, { values: (_chart, ticks) => ticks.map(money), size: 70 }],
      series: [{}, { label: seriesLabel, stroke: '#2563eb', width: 2, points: { show: days.length <= 62 } }],
      legend: { show: false },
    },
    [days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000), values],
  );
}
