import type { ExpectationInput, ExpectationKind, Person } from '@tidings/contracts';
import { useId } from 'react';
import { fromLocalInput, toLocalInput } from '../../lib/due';
import { TextField } from '../../ui/TextField';
import { useUrgentStats } from '../inbox/api';
import styles from './Compose.module.css';

export interface ExpectationState {
  kind: ExpectationKind;
  /** The datetime-local value, in the browser's zone. */
  due: string;
  urgentReason: string;
  /** null: everyone addressed must answer. */
  askedUserIds: string[] | null;
}

export const noReplyNeeded: ExpectationState = { kind: 'fyi', due: '', urgentReason: '', askedUserIds: null };

const choices: Array<{ kind: ExpectationKind; label: string }> = [
  { kind: 'fyi', label: 'No reply needed' },
  { kind: 'reply', label: 'Reply when you can' },
  { kind: 'reply_by', label: 'Reply by a date' },
  { kind: 'decision_by', label: 'Decision by a date' },
  { kind: 'urgent', label: 'Urgent — needs an answer now' },
];

export function toExpectationInput(state: ExpectationState): ExpectationInput {
  const input: ExpectationInput = { kind: state.kind };
  if (state.kind === 'reply_by' || state.kind === 'decision_by') input.dueAt = fromLocalInput(state.due);
  if (state.kind === 'urgent') input.urgentReason = state.urgentReason;
  if (state.kind !== 'fyi' && state.askedUserIds) input.askedUserIds = state.askedUserIds;
  return input;
}

/** Tomorrow at 17:00, a sensible first suggestion for a due date. */
function defaultDue(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(17, 0, 0, 0);
  return toLocalInput(d.getTime());
}

interface Props {
  value: ExpectationState;
  onChange: (value: ExpectationState) => void;
  /** People who could be asked (those addressed directly), for the optional subset. */
  candidates: Person[];
  field: (path: string) => string | undefined;
}

/** "Do you need a response?" — the five choices, a due date, who must answer, an urgent reason. */
export function ExpectationPicker({ value, onChange, candidates, field }: Props) {
  const id = useId();
  const dated = value.kind === 'reply_by' || value.kind === 'decision_by';
  const stats = useUrgentStats(value.kind === 'urgent');
  const set = (patch: Partial<ExpectationState>) => onChange({ ...value, ...patch });

  return (
    <fieldset className={styles.expectation}>
      <legend className={styles.label}>Do you need a response?</legend>
      <div className={styles.choices}>
        {choices.map((choice) => (
          <label key={choice.kind} className={styles.choice}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={choice.kind}
              checked={value.kind === choice.kind}
              onChange={() =>
                set({
                  kind: choice.kind,
                  due:
                    (choice.kind === 'reply_by' || choice.kind === 'decision_by') && !value.due
                      ? defaultDue()
                      : value.due,
                })
              }
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {field('expectation.kind') && (
        <p className={styles.error} role="alert">
          {field('expectation.kind')}
        </p>
      )}

      {dated && (
        <TextField
          label={value.kind === 'decision_by' ? 'Decision needed by' : 'Reply needed by'}
          type="datetime-local"
          value={value.due}
          onChange={(e) => set({ due: e.target.value })}
          error={field('expectation.dueAt')}
          hint={`In your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}).`}
          fieldClassName={styles.dueField}
        />
      )}

      {value.kind === 'urgent' && (
        <TextField
          label="Why can't it wait?"
          value={value.urgentReason}
          maxLength={200}
          onChange={(e) => set({ urgentReason: e.target.value })}
          error={field('expectation.urgentReason')}
          hint={
            stats.data
              ? `You sent ${stats.data.sentThisWeek} urgent message${stats.data.sentThisWeek === 1 ? '' : 's'} this week.`
              : 'Urgent messages interrupt people; keep them rare.'
          }
        />
      )}

      {value.kind !== 'fyi' && candidates.length > 1 && (
        <div className={styles.askWho}>
          <label className={styles.choice}>
            <input
              type="checkbox"
              checked={value.askedUserIds !== null}
              onChange={(e) => set({ askedUserIds: e.target.checked ? candidates.map((c) => c.id) : null })}
            />
            <span>Only some people must answer</span>
          </label>
          {value.askedUserIds !== null && (
            <fieldset className={styles.who}>
              <legend className="visually-hidden">Who must answer</legend>
              {candidates.map((person) => (
                <label key={person.id} className={styles.choice}>
                  <input
                    type="checkbox"
                    checked={value.askedUserIds?.includes(person.id) ?? false}
                    onChange={(e) => {
                      const current = value.askedUserIds ?? [];
                      set({
                        askedUserIds: e.target.checked
                          ? [...current, person.id]
                          : current.filter((uid) => uid !== person.id),
                      });
                    }}
                  />
                  <span>{person.name}</span>
                </label>
              ))}
            </fieldset>
          )}
          {field('expectation.askedUserIds') && (
            <p className={styles.error} role="alert">
              {field('expectation.askedUserIds')}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
