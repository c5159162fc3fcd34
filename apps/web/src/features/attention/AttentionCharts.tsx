import type { AttentionWeek } from '@tidings/contracts';
import { cx } from '../../lib/cx';
import styles from './Attention.module.css';
import { Chart } from './charts';
import { count, DURATION_TOPS, formatMinutes, percent, weekLabel } from './format';

const sum = (weeks: AttentionWeek[], pick: (w: AttentionWeek) => number) =>
  weeks.reduce((total, w) => total + pick(w), 0);

/** Headline figures over the period, then one chart per question the report answers. */
export function AttentionCharts({ weeks }: { weeks: AttentionWeek[] }) {
  const labels = weeks.map((w) => weekLabel(w.week));
  const outside = sum(weeks, (w) => w.notificationsOutsideHours);
  const due = sum(weeks, (w) => w.asksDue);
  const inTime = sum(weeks, (w) => w.asksAnsweredInTime);
  const media = sum(weeks, (w) => w.mediaMinutesReceived);

  return (
    <div className={styles.report}>
      <dl className={styles.tiles}>
        <div className={styles.tile}>
          <dt>Urgent received</dt>
          <dd>{sum(weeks, (w) => w.urgentReceived)}</dd>
          <span className={styles.tileNote}>{sum(weeks, (w) => w.urgentSent)} sent</span>
        </div>
        <div className={cx(styles.tile, outside === 0 ? styles.good : styles.bad)}>
          <dt>After-hours notifications</dt>
          <dd>{outside}</dd>
          <span className={styles.tileNote}>
            {outside === 0 ? 'None — as it should be' : 'Only confirmed urgent posts should do this'}
          </span>
        </div>
        <div className={styles.tile}>
          <dt>Answered in time</dt>
          <dd>{due === 0 ? '—' : percent(inTime / due)}</dd>
          <span className={styles.tileNote}>
            {inTime} of {due} dated asks
          </span>
        </div>
        <div className={styles.tile}>
          <dt>Media received</dt>
          <dd>{formatMinutes(media)}</dd>
          <span className={styles.tileNote}>video and voice</span>
        </div>
      </dl>

      <div className={styles.charts}>
        <Chart
          kind="bar"
          title="Urgent posts per week"
          description="Urgent interrupts people; fewer is better."
          labels={labels}
          series={[
            { label: 'Sent', values: weeks.map((w) => w.urgentSent), tone: 'accent' },
            { label: 'Received', values: weeks.map((w) => w.urgentReceived), tone: 'warning' },
          ]}
          format={count}
          integer
        />
        <Chart
          kind="bar"
          title="Notifications outside working hours"
          description="Should be 0: only a confirmed urgent post may reach someone off hours."
          labels={labels}
          series={[
            { label: 'Delivered', values: weeks.map((w) => w.notificationsDelivered), tone: 'muted' },
            { label: 'Outside hours', values: weeks.map((w) => w.notificationsOutsideHours), tone: 'danger' },
          ]}
          format={count}
          integer
        />
        <Chart
          kind="line"
          title="Reply-by and decision-by answered in time"
          description="Share of dated asks answered before they were due."
          labels={labels}
          series={[{ label: 'In time', values: weeks.map((w) => w.answeredInTimeShare), tone: 'success' }]}
          format={percent}
          minMax={1}
        />
        <Chart
          kind="line"
          title="Median time to answer"
          description="From the post to the answer, per kind of ask."
          labels={labels}
          series={[
            { label: 'Urgent', values: weeks.map((w) => w.medianMinutesToAnswer.urgent), tone: 'danger' },
            { label: 'Reply by', values: weeks.map((w) => w.medianMinutesToAnswer.reply_by), tone: 'accent' },
            {
              label: 'Decision by',
              values: weeks.map((w) => w.medianMinutesToAnswer.decision_by),
              tone: 'warning',
            },
            { label: 'Reply', values: weeks.map((w) => w.medianMinutesToAnswer.reply), tone: 'info' },
          ]}
          format={formatMinutes}
          tops={DURATION_TOPS}
        />
        <Chart
          kind="bar"
          title="Minutes of media received"
          description="Video messages and voice notes addressed to you."
          labels={labels}
          series={[{ label: 'Minutes', values: weeks.map((w) => w.mediaMinutesReceived), tone: 'accent' }]}
          format={count}
          integer
        />
      </div>
    </div>
  );
}
