import { useEffect, useId, useRef, useState } from 'react';
import { cx } from '../../lib/cx';
import styles from './Charts.module.css';

export type Tone = 'accent' | 'muted' | 'danger' | 'success' | 'warning' | 'info';

export interface Series {
  label: string;
  values: Array<number | null>;
  tone: Tone;
}

interface ChartProps {
  title: string;
  /** One sentence under the title: what good looks like. */
  description?: string;
  /** X axis labels, one per value (e.g. the first day of each week). */
  labels: string[];
  series: Series[];
  format?: (value: number) => string;
  /** The top of the y axis at least this (e.g. 1 for shares). */
  minMax?: number;
  /** Allowed tops of the y axis, smallest first (durations step in hours and days, not 10s). */
  tops?: number[];
  /** Whole numbers only: no "0.5" tick on a count. */
  integer?: boolean;
  kind: 'bar' | 'line';
}

const H = 180;
const PAD = { top: 12, right: 12, bottom: 28, left: 44 };

/** The width the chart has on screen, so text is drawn at its real size on phones too. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.round(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** A nice round top for the y axis: 1, 2, 5 × 10^n. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * exp >= max) return step * exp;
  return 10 * exp;
}

/**
 * A small chart drawn as SVG by React (no inline styles, so the CSP holds), with its title and a
 * text description for screen readers, and the numbers in a table under a disclosure.
 */
export function Chart({
  title,
  description,
  labels,
  series,
  format = String,
  minMax = 0,
  tops,
  integer,
  kind,
}: ChartProps) {
  const id = useId();
  const { ref, width: W } = useWidth(640);
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const highest = Math.max(minMax, ...all, 0);
  const top = tops?.find((t) => t >= highest) ?? niceMax(integer ? Math.max(highest, 2) : highest);
  // Lines are empty with no points; bars also when every week is zero.
  const empty = all.length === 0 || (kind === 'bar' && all.every((v) => v === 0));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const n = Math.max(labels.length, 1);
  const band = plotW / n;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = integer && top % 2 !== 0 ? [0, top] : [0, top / 2, top];
  // On a narrow screen, label every other week (always the current one).
  const every = band < 48 ? 2 : 1;
  const summary = series
    .map((s) => {
      const last = s.values.at(-1);
      return `${s.label}: ${last === null || last === undefined ? 'no data' : format(last)} this week`;
    })
    .join('; ');

  return (
    <figure className={styles.figure}>
      <figcaption className={styles.caption}>
        <span className={styles.title} id={`${id}-title`}>
          {title}
        </span>
        {description && <span className={styles.description}>{description}</span>}
      </figcaption>
      <div ref={ref} className={styles.plot}>
        <svg
          className={styles.svg}
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={`${id}-svg-title ${id}-desc`}
        >
          <title id={`${id}-svg-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {ticks.map((t) => (
            <g key={t}>
              <line className={styles.grid} x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
              <text className={styles.axis} x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
                {format(t)}
              </text>
            </g>
          ))}
          {labels.map((label, i) =>
            (labels.length - 1 - i) % every !== 0 ? null : (
              <text
                key={label}
                className={styles.axis}
                x={PAD.left + band * i + band / 2}
                y={H - 8}
                textAnchor="middle"
              >
                {label}
              </text>
            ),
          )}
          {empty && (
            <text
              className={styles.empty}
              x={PAD.left + plotW / 2}
              y={PAD.top + plotH / 2}
              textAnchor="middle"
            >
              Nothing to measure yet
            </text>
          )}
          {kind === 'bar' ? (
            <Bars series={series} band={band} y={y} />
          ) : (
            <Lines series={series} band={band} y={y} />
          )}
        </svg>
      </div>
      {series.length > 1 && (
        <ul className={styles.legend}>
          {series.map((s) => (
            <li key={s.label}>
              <span className={cx(styles.swatch, styles[s.tone])} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <details className={styles.numbers}>
        <summary>Numbers</summary>
        <div className={styles.tableWrap}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                {series.map((s) => (
                  <th key={s.label} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => {
                    const v = s.values[i];
                    return <td key={s.label}>{v === null || v === undefined ? '—' : format(v)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

interface PlotProps {
  series: Series[];
  band: number;
  y: (v: number) => number;
}

function Bars({ series, band, y }: PlotProps) {
  const w = Math.min((band * 0.7) / Math.max(series.length, 1), 22);
  const inner = w * series.length;
  const base = y(0);
  return (
    <g>
      {series.map((s, k) =>
        s.values.map((v, i) => {
          if (v === null) return null;
          const x = PAD.left + band * i + (band - inner) / 2 + w * k;
          const top = Math.min(y(v), base - (v > 0 ? 1.5 : 0));
          return (
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: one bar per week and series
              key={`${s.label}-${i}`}
              className={cx(styles.bar, styles[s.tone])}
              x={x + 1}
              y={top}
              width={Math.max(w - 2, 1)}
              height={base - top}
              rx={2}
            />
          );
        }),
      )}
    </g>
  );
}

function Lines({ series, band, y }: PlotProps) {
  return (
    <g>
      {series.map((s) => {
        const points = s.values.map((v, i) =>
          v === null ? null : { x: PAD.left + band * i + band / 2, y: y(v) },
        );
        // Gaps (weeks with nothing to measure) break the line rather than pretending zero.
        const d = points
          .map((p, i) => (p ? `${points[i - 1] ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}` : ''))
          .join(' ');
        return (
          <g key={s.label}>
            <path className={cx(styles.line, styles[s.tone])} d={d} />
            {points.map((p, i) =>
              p ? (
                <circle
                  // biome-ignore lint/suspicious/noArrayIndexKey: one point per week
                  key={i}
                  className={cx(styles.point, styles[s.tone])}
                  cx={p.x}
                  cy={p.y}
                  r={3.5}
                />
              ) : null,
            )}
          </g>
        );
      })}
    </g>
  );
}
