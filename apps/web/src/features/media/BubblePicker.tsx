import { useId } from 'react';
import {
  type BubbleCorner,
  type BubbleLayout,
  type BubbleSize,
  bubbleCorners,
  bubbleSizes,
} from '../../recording/bubble';
import styles from './BubblePicker.module.css';

interface SegmentsProps<T extends string> {
  legend: string;
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
}

/** One row of joined radio buttons with a visible legend: the arrow keys move the choice. */
function Segments<T extends string>({ legend, labels, value, onChange }: SegmentsProps<T>) {
  const name = useId();
  return (
    <fieldset className={styles.row}>
      <legend className={styles.legend}>{legend}</legend>
      <div className={styles.segments}>
        {(Object.keys(labels) as T[]).map((option) => (
          <label key={option} className={styles.segment}>
            <input
              type="radio"
              className={styles.radio}
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            {labels[option]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface BubbleSetupProps {
  layout: BubbleLayout;
  onChange: (layout: BubbleLayout) => void;
  disabled: boolean;
}

/** Set-up for "Screen and camera": which corner the camera bubble takes, and how big it is. */
export function BubbleSetup({ layout, onChange, disabled }: BubbleSetupProps) {
  return (
    <fieldset className={styles.setup} disabled={disabled}>
      <legend className="visually-hidden">Camera bubble</legend>
      <Segments<BubbleCorner>
        legend="Bubble corner"
        labels={bubbleCorners}
        value={layout.corner}
        onChange={(corner) => onChange({ ...layout, corner })}
      />
      <Segments<BubbleSize>
        legend="Bubble size"
        labels={bubbleSizes}
        value={layout.size}
        onChange={(size) => onChange({ ...layout, size })}
      />
    </fieldset>
  );
}

/**
 * While recording: a small picture of the screen with a dot in each corner; the filled one is
 * where the bubble is. Radios, so Tab reaches the group and the arrow keys move the bubble.
 */
export function BubbleMover({
  corner,
  onChange,
}: {
  corner: BubbleCorner;
  onChange: (c: BubbleCorner) => void;
}) {
  const name = useId();
  return (
    <fieldset className={styles.mover}>
      <legend className={styles.moverLegend}>Move bubble</legend>
      <div className={styles.screen}>
        {(Object.keys(bubbleCorners) as BubbleCorner[]).map((option) => (
          <label key={option} className={styles.corner} title={bubbleCorners[option]}>
            <input
              type="radio"
              className={styles.radio}
              name={name}
              value={option}
              checked={corner === option}
              onChange={() => onChange(option)}
            />
            <span className={styles.dot} aria-hidden="true" />
            <span className="visually-hidden">{bubbleCorners[option]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
