import { useId, useState } from 'react';
import { NavLink } from 'react-router';
import { canManageMembers, useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import field from '../../ui/Field.module.css';
import { Section } from '../../ui/Section';
import { Spinner } from '../../ui/Spinner';
import styles from './Attention.module.css';
import { AttentionCharts } from './AttentionCharts';
import { useMyAttention, useTeamAttention } from './api';
import { formatMinutes } from './format';

const spans = [4, 8, 12, 26];

function WeeksPicker({ value, onChange }: { value: number; onChange: (weeks: number) => void }) {
  const id = useId();
  return (
    <div className={styles.toolbar}>
      <label htmlFor={id}>Show</label>
      <select
        id={id}
        className={field.control}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {spans.map((n) => (
          <option key={n} value={n}>
            Last {n} weeks
          </option>
        ))}
      </select>
    </div>
  );
}

/** For admins: switch between their own report and the team's. */
function ReportSwitch() {
  const { user } = useCurrentSession();
  if (!canManageMembers(user)) return null;
  return (
    <nav className={styles.switch} aria-label="Attention report">
      {[
        { to: '/settings/attention', label: 'You' },
        { to: '/admin/attention', label: 'Team' },
      ].map(({ to, label }) => (
        <NavLink
          key={to}
          to={to}
          className={({ isActive }) => cx(styles.switchLink, isActive && styles.switchActive)}
        >
          {label}
        </NavLink>
      ))}
    </nav>
  );
}

/** `/settings/attention`: how the signed-in person's attention was treated, week by week. */
export function AttentionPage() {
  useDocumentTitle('Your attention');
  const [weeks, setWeeks] = useState(8);
  const report = useMyAttention(weeks);
  return (
    <>
      <div className={styles.bar}>
        <ReportSwitch />
        <WeeksPicker value={weeks} onChange={setWeeks} />
      </div>
      <Section
        title="Your attention"
        description={`Week by week, in your time zone${report.data ? ` (${report.data.timeZone.replaceAll('_', ' ')})` : ''}: how often you were interrupted and how you answered.`}
      >
        {report.isPending && (
          <div className={styles.loading}>
            <Spinner label="Loading your attention report" />
          </div>
        )}
        {report.isError && (
          <Alert tone="error" action={<Button onClick={() => report.refetch()}>Try again</Button>}>
            {report.error.message}
          </Alert>
        )}
        {report.data && <AttentionCharts weeks={report.data.weeks} />}
      </Section>
    </>
  );
}

/** `/admin/attention`: the team's totals and each person's figures (admins). */
export function TeamAttentionPage() {
  useDocumentTitle('Team attention');
  const { user } = useCurrentSession();
  const [weeks, setWeeks] = useState(8);
  const admin = canManageMembers(user);
  const report = useTeamAttention(weeks, admin);
  if (!admin) return <Alert tone="info">Only owners and admins see the team's attention report.</Alert>;
  return (
    <>
      <div className={styles.bar}>
        <ReportSwitch />
        <WeeksPicker value={weeks} onChange={setWeeks} />
      </div>
      <Section
        title="Team attention"
        description="Totals for everyone, each person counted in their own time zone."
      >
        {report.isPending && (
          <div className={styles.loading}>
            <Spinner label="Loading the team report" />
          </div>
        )}
        {report.isError && <Alert tone="error">{report.error.message}</Alert>}
        {report.data && <AttentionCharts weeks={report.data.weeks} />}
      </Section>
      {report.data && report.data.people.length > 0 && (
        <Section title="By person" description={`Totals over the last ${weeks} weeks.`} flush>
          <div className={styles.tableWrap}>
            <table className={styles.people}>
              <caption className="visually-hidden">Attention by person</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Urgent sent</th>
                  <th scope="col">Urgent received</th>
                  <th scope="col">After hours</th>
                  <th scope="col">In time</th>
                  <th scope="col">Median reply by</th>
                </tr>
              </thead>
              <tbody>
                {report.data.people.map(({ person, timeZone, weeks: w }) => {
                  const total = (pick: (x: (typeof w)[number]) => number) =>
                    w.reduce((s, x) => s + pick(x), 0);
                  const due = total((x) => x.asksDue);
                  const outside = total((x) => x.notificationsOutsideHours);
                  const medians = w
                    .map((x) => x.medianMinutesToAnswer.reply_by)
                    .filter((m): m is number => m !== null);
                  const latest = medians.at(-1);
                  return (
                    <tr key={person.id}>
                      <th scope="row">
                        {person.name}
                        <span className={styles.zone}>{timeZone.replaceAll('_', ' ')}</span>
                      </th>
                      <td>{total((x) => x.urgentSent)}</td>
                      <td>{total((x) => x.urgentReceived)}</td>
                      <td className={outside > 0 ? styles.alarm : undefined}>{outside}</td>
                      <td>
                        {due === 0 ? '—' : `${Math.round((total((x) => x.asksAnsweredInTime) / due) * 100)}%`}
                      </td>
                      <td>{latest === undefined ? '—' : formatMinutes(latest)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Section>
      )}
    </>
  );
}
