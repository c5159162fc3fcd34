import type { Person } from '@tidings/contracts';
import { type RefObject, useId, useMemo, useState } from 'react';
import { cx } from '../../lib/cx';
import { Avatar } from '../../ui/Avatar';
import prose from '../../ui/Prose.module.css';
import styles from './Compose.module.css';
import { MarkdownPreview } from './preview';

interface BodyEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  people: Person[];
  error?: string | undefined;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  placeholder?: string;
  rows?: number;
}

/** The mention being typed just before the caret: "@be" → "be". */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@[\]()]{0,30})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - (match[2]?.length ?? 0) - 1, query: match[2] ?? '' };
}

/** Markdown body with Write/Preview tabs and an @mention picker that inserts `@[Name](mention:ID)`. */
export function BodyEditor({
  label,
  value,
  onChange,
  people,
  error,
  textareaRef,
  placeholder,
  rows = 6,
}: BodyEditorProps) {
  const id = useId();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);

  const matches = useMemo(() => {
    if (!mention) return [];
    const q = mention.query.toLowerCase();
    return people.filter((p) => p.name.toLowerCase().includes(q)).slice(0, 6);
  }, [mention, people]);
  const open = matches.length > 0;

  function track(text: string, caret: number) {
    setMention(mentionAt(text, caret));
    setActive(0);
  }

  function insert(person: Person) {
    const el = textareaRef?.current;
    if (!mention) return;
    const caret = el?.selectionStart ?? value.length;
    const text = `@[${person.name}](mention:${person.id}) `;
    const next = value.slice(0, mention.start) + text + value.slice(caret);
    onChange(next);
    setMention(null);
    const position = mention.start + text.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(position, position);
    });
  }

  const errorId = error ? `${id}-error` : undefined;
  const listId = `${id}-mentions`;
  return (
    <div className={styles.bodyField}>
      <div className={styles.bodyHead}>
        <label htmlFor={`${id}-text`} className={styles.label}>
          {label}
        </label>
        <div className={styles.tabs} role="tablist" aria-label={`${label} view`}>
          {(['write', 'preview'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={cx(styles.tab, tab === name && styles.tabActive)}
              onClick={() => setTab(name)}
            >
              {name === 'write' ? 'Write' : 'Preview'}
            </button>
          ))}
        </div>
      </div>
      <div className={styles.editorWrap} hidden={tab !== 'write'}>
        <textarea
          ref={textareaRef}
          id={`${id}-text`}
          className={styles.textarea}
          rows={rows}
          value={value}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId ?? `${id}-hint`}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          onChange={(e) => {
            onChange(e.target.value);
            track(e.target.value, e.target.selectionStart);
          }}
          onKeyDown={(e) => {
            if (!open) return;
            if (e.key === 'ArrowDown') setActive((a) => (a + 1) % matches.length);
            else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + matches.length) % matches.length);
            else if (e.key === 'Enter' || e.key === 'Tab') {
              const person = matches[active];
              if (person) insert(person);
            } else if (e.key === 'Escape') setMention(null);
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
          onBlur={() => setMention(null)}
        />
        {open && (
          <div id={listId} role="listbox" aria-label="People to mention" className={styles.mentions}>
            {matches.map((person, index) => (
              <div
                key={person.id}
                id={`${listId}-${index}`}
                role="option"
                tabIndex={-1}
                aria-selected={index === active}
                className={cx(styles.option, index === active && styles.optionActive)}
                // mousedown, not click: the textarea must not lose focus first
                onMouseDown={(e) => {
                  e.preventDefault();
                  insert(person);
                }}
              >
                <Avatar name={person.name} url={person.avatarUrl} size="sm" />
                {person.name}
              </div>
            ))}
          </div>
        )}
      </div>
      {tab === 'preview' && (
        <section className={cx(styles.preview, prose.prose)} aria-label={`${label} preview`}>
          {value.trim() ? (
            <MarkdownPreview source={value} />
          ) : (
            <p className={styles.muted}>Nothing to preview yet.</p>
          )}
        </section>
      )}
      {error && (
        <p id={errorId} className={styles.error} role="alert">
          {error}
        </p>
      )}
      <p id={`${id}-hint`} className={styles.hint}>
        Markdown works: **bold**, *italic*, lists, &gt; quotes, `code`. Type @ to mention someone.
      </p>
    </div>
  );
}
