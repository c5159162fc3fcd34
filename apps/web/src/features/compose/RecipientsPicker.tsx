import { type Person, parseAddress } from '@tidings/contracts';
import { useId, useMemo, useRef, useState } from 'react';
import { cx } from '../../lib/cx';
import { Avatar } from '../../ui/Avatar';
import { Badge } from '../../ui/Badge';
import { CloseIcon, SpacesIcon } from '../../ui/icons';
import styles from './Compose.module.css';

export interface Recipient {
  /** 'email': a typed address; the server matches it to a member or brings in an outsider. */
  kind: 'person' | 'space' | 'email';
  id: string;
  name: string;
  avatarUrl?: string | null;
  detail?: string;
}

interface Props {
  label: string;
  people: Person[];
  spaces: Array<{ id: string; name: string; visibility: string }>;
  value: Recipient[];
  onChange: (value: Recipient[]) => void;
  error?: string | undefined;
  /** Whether typed email addresses may be added (members, not guests). */
  allowEmails?: boolean;
}

/** A typed address as a chip, or null when the text is not one. */
function emailRecipient(text: string): Recipient | null {
  const address = parseAddress(text);
  if (!address) return null;
  return {
    kind: 'email',
    id: text.trim(),
    name: address.name ?? address.email,
    detail: address.name ? address.email : 'Outside the workspace',
  };
}

/** A searchable combobox of people and spaces; choices become removable chips. */
export function RecipientsPicker({ label, people, spaces, value, onChange, error, allowEmails }: Props) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const options = useMemo(() => {
    const chosen = new Set(value.map((r) => `${r.kind}:${r.id}`));
    const q = query.trim().toLowerCase();
    const all: Recipient[] = [
      ...people.map((p) => ({ kind: 'person' as const, id: p.id, name: p.name, avatarUrl: p.avatarUrl })),
      ...spaces.map((s) => ({
        kind: 'space' as const,
        id: s.id,
        name: s.name,
        detail: s.visibility === 'private' ? 'Private space' : 'Space',
      })),
    ];
    const typed = allowEmails ? emailRecipient(query) : null;
    const matches = all
      .filter((r) => !chosen.has(`${r.kind}:${r.id}`) && r.name.toLowerCase().includes(q))
      .slice(0, 8);
    return typed && !chosen.has(`email:${typed.id}`) ? [typed, ...matches] : matches;
  }, [people, spaces, value, query, allowEmails]);
  const expanded = open && options.length > 0;

  function choose(option: Recipient) {
    onChange([...value, option]);
    setQuery('');
    setActive(0);
    inputRef.current?.focus();
  }

  const listId = `${id}-list`;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      <div className={cx(styles.recipients, error && styles.invalid)}>
        <ul className={styles.chips} aria-label="Recipients">
          {value.map((r) => (
            <li key={`${r.kind}:${r.id}`} className={styles.chip}>
              {r.kind === 'space' ? (
                <SpacesIcon width={14} height={14} />
              ) : (
                <Avatar name={r.name} url={r.avatarUrl} size="sm" />
              )}
              {r.name}
              {r.kind === 'email' && <Badge tone="warning">outside the workspace</Badge>}
              <button
                type="button"
                className={styles.chipRemove}
                onClick={() => {
                  onChange(value.filter((x) => x !== r));
                  inputRef.current?.focus();
                }}
              >
                <CloseIcon width={14} height={14} />
                <span className="visually-hidden">Remove {r.name}</span>
              </button>
            </li>
          ))}
        </ul>
        <input
          ref={inputRef}
          id={id}
          className={styles.recipientInput}
          role="combobox"
          autoComplete="off"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          placeholder={
            value.length === 0 ? (allowEmails ? 'People, spaces or email addresses' : 'People or spaces') : ''
          }
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            // A typed address is kept when the field is left, so it is not lost on Send.
            const typed = allowEmails ? emailRecipient(query) : null;
            if (typed && !value.some((r) => r.kind === 'email' && r.id === typed.id)) {
              onChange([...value, typed]);
              setQuery('');
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              setOpen(true);
              setActive((a) => (options.length ? (a + 1) % options.length : 0));
            } else if (e.key === 'ArrowUp') {
              setActive((a) => (options.length ? (a - 1 + options.length) % options.length : 0));
            } else if ((e.key === ',' || e.key === ';') && allowEmails && emailRecipient(query)) {
              const typed = emailRecipient(query);
              if (typed) choose(typed);
            } else if (e.key === 'Enter') {
              // Enter picks a suggestion; it never sends the half-addressed form.
              const option = expanded ? options[active] : undefined;
              if (option) choose(option);
            } else if (e.key === 'Escape' && expanded) {
              setOpen(false);
            } else if (e.key === 'Backspace' && query === '' && value.length > 0) {
              onChange(value.slice(0, -1));
            } else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
      </div>
      <div
        id={listId}
        role="listbox"
        aria-label={`${label} suggestions`}
        className={styles.suggestions}
        hidden={!expanded}
      >
        {options.map((option, index) => (
          <div
            key={`${option.kind}:${option.id}`}
            id={`${listId}-${index}`}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            className={cx(styles.option, index === active && styles.optionActive)}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(option);
            }}
          >
            {option.kind === 'space' ? (
              <span className={styles.spaceMark}>
                <SpacesIcon width={14} height={14} />
              </span>
            ) : (
              <Avatar name={option.name} url={option.avatarUrl} size="sm" />
            )}
            <span>{option.kind === 'email' ? `Add ${option.name}` : option.name}</span>
            {option.detail && <span className={styles.optionDetail}>{option.detail}</span>}
          </div>
        ))}
      </div>
      {error && (
        <p id={errorId} className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
