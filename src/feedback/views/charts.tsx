// Charts drawn as SVG on the server (no script): each is an image with a title and a description
// a screen reader reads (role="img"), and the page puts a text summary and the data table beside
// it (Art. 18c). Colours are presentation attributes, since the CSP forbids inline styles.
import { shorten } from '../../web/format.ts';

export interface Series {
  name: string;
  /** A fill with at least 3:1 contrast on white. */
  color: string;
  values: number[];
}

/** A value as the chart writes it, to one decimal: bars are drawn from this, so "0" draws nothing. */
const shown = (n: number) => Math.round(n * 10) / 10;
const fmt = (n: number, unit: string) => (unit === '%' ? `${shown(n)}%` : `${shown(n)}${unit ? ` ${unit}` : ''}`);

/** A round top for the value axis: 1, 2, 5 × 10^k, never below 1 (the smallest step it writes). */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function Legend({ series, x, y }: { series: Series[]; x: number; y: number }) {
  return (
    <g aria-hidden="true">
      {series.map((s, i) => (
        <g key={s.name}>
          <rect x={x + i * 190} y={y} width={14} height={14} fill={s.color} />
          <text x={x + i * 190 + 20} y={y + 12} font-size="13" fill="#1b1b1b">
            {s.name}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Vertical bars per category (months), one bar per series, side by side. */
export function ColumnChart({ id, title, desc, categories, series, unit = '', max }: { id: string; title: string; desc: string; categories: string[]; series: Series[]; unit?: string; max?: number }) {
  const width = 760;
  const height = 300;
  const left = 56;
  const top = 36;
  const bottom = 40;
  const plotW = width - left - 16;
  const plotH = height - top - bottom;
  const top1 = max ?? niceMax(Math.max(0, ...series.flatMap((s) => s.values.map(shown))));
  const groupW = plotW / Math.max(1, categories.length);
  const barW = Math.max(2, Math.min(28, (groupW - 6) / series.length));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top1);
  const y = (v: number) => top + plotH - (v / top1) * plotH;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <Legend series={series} x={left} y={6} />
      <g aria-hidden="true">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width - 16} y1={y(t)} y2={y(t)} stroke="#b1b4b6" stroke-width="1" />
            <text x={left - 6} y={y(t) + 4} font-size="12" text-anchor="end" fill="#1b1b1b">
              {fmt(t, unit === '%' ? '%' : '')}
            </text>
          </g>
        ))}
        {categories.map((c, i) => (
          <g key={c}>
            {series.map((s, j) => {
              const v = shown(s.values[i] ?? 0);
              const x = left + i * groupW + (groupW - barW * series.length) / 2 + j * barW;
              return v > 0 ? <rect key={s.name} x={x} y={y(v)} width={barW - 1} height={top + plotH - y(v)} fill={s.color} /> : null;
            })}
            <text x={left + i * groupW + groupW / 2} y={height - bottom + 16} font-size="12" text-anchor="middle" fill="#1b1b1b">
              {c}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

/** Horizontal bars, one row per label; several series are stacked (shares adding up to 100%). */
export function BarChart({ id, title, desc, labels, series, unit = '', stacked = false }: { id: string; title: string; desc: string; labels: string[]; series: Series[]; unit?: string; stacked?: boolean }) {
  const width = 760;
  const rowH = 30;
  const left = 250;
  const top = series.length > 1 ? 32 : 8;
  const height = top + labels.length * rowH + 8;
  const plotW = width - left - 90;
  const totals = labels.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = stacked ? Math.max(1, ...totals) : niceMax(Math.max(0, ...series.flatMap((s) => s.values.map(shown))));
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {series.length > 1 && <Legend series={series} x={left} y={6} />}
      <g aria-hidden="true">
        {labels.map((label, i) => {
          let x = left;
          const yy = top + i * rowH;
          return (
            <g key={label + i}>
              <text x={left - 8} y={yy + 19} font-size="12" text-anchor="end" fill="#1b1b1b">
                {shorten(label, 38)}
              </text>
              {series.map((s) => {
                const v = stacked ? (s.values[i] ?? 0) : shown(s.values[i] ?? 0);
                const w = (v / (stacked ? totals[i] || 1 : max)) * plotW;
                const r = w > 0 ? <rect key={s.name} x={x} y={yy + 4} width={w} height={rowH - 8} fill={s.color} /> : null;
                if (stacked) x += w;
                return r;
              })}
              {!stacked && (
                <text x={left + (shown(series[0]!.values[i] ?? 0) / max) * plotW + 6} y={yy + 19} font-size="12" fill="#1b1b1b">
                  {fmt(series[0]!.values[i] ?? 0, unit)}
                </text>
              )}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
