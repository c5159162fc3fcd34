import styles from './Player.module.css';

/** Peaks resampled to `count` bars; none when the recording has no waveform. */
export function resamplePeaks(peaks: number[] | null, count: number): number[] {
  if (!peaks || peaks.length === 0) return [];
  return Array.from({ length: count }, (_, i) => {
    const from = Math.floor((i * peaks.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / count));
    return Math.max(0.06, ...peaks.slice(from, to));
  });
}

/** A voice recording's bars, those before `played` (0–1) in the accent colour. Decoration only. */
export function Waveform({
  peaks,
  played,
  className,
}: {
  peaks: number[];
  played: number;
  className?: string;
}) {
  return (
    <svg
      className={className}
      viewBox={`0 0 ${peaks.length * 4} 40`}
      preserveAspectRatio="none"
      aria-hidden="true"
      data-testid="waveform"
    >
      {peaks.map((peak, i) => {
        const h = Math.max(2, peak * 38);
        return (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: bars are positional and never reorder.
            key={i}
            x={i * 4 + 0.5}
            y={20 - h / 2}
            width={3}
            height={h}
            rx={1}
            className={i / peaks.length < played ? styles.barPlayed : styles.bar}
          />
        );
      })}
    </svg>
  );
}
