import type { Media } from '@tidings/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiRequestError, errorMessage } from '../../../api/errors';
import { cx } from '../../../lib/cx';
import { nameSelectionEnd, UNTITLED } from './library';
import styles from './TitleEditor.module.css';
import { useRenameMedia } from './useRenameMedia';

interface Editing {
  draft: string;
  error?: string;
}

/**
 * Renaming a recording in place: `start` (from a Rename button, given as `buttonRef`) turns the
 * title into `input`. The new title shows at once; if the server refuses, the old one comes back
 * and the input reopens with the draft and the server's message.
 */
export function useTitleEditing(media: Media) {
  const rename = useRenameMedia();
  const [editing, setEditing] = useState<Editing | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const refocusButton = useRef(false);

  useEffect(() => {
    if (editing || !refocusButton.current) return;
    refocusButton.current = false;
    buttonRef.current?.focus();
  }, [editing]);

  const close = (byKeyboard: boolean) => {
    refocusButton.current = byKeyboard;
    setEditing(null);
  };

  const save = (draft: string, byKeyboard: boolean) => {
    close(byKeyboard);
    const title = draft.trim();
    if (title === media.title) return;
    rename.mutate(
      { id: media.id, title },
      { onError: (error) => setEditing({ draft, error: fieldMessage(error) }) },
    );
  };

  const input = editing && (
    <TitleInput
      key={editing.error ?? 'editing'}
      draft={editing.draft}
      error={editing.error}
      selectionEnd={editing.error ? editing.draft.length : nameSelectionEnd(editing.draft, media.source)}
      onSave={save}
      onCancel={() => close(true)}
    />
  );

  return {
    editing: editing !== null,
    pending: rename.isPending,
    start: () => setEditing({ draft: media.title }),
    buttonRef,
    input,
  };
}

const fieldMessage = (error: unknown) =>
  (error instanceof ApiRequestError && error.fields.title) || errorMessage(error);

function TitleInput({
  draft,
  error,
  selectionEnd,
  onSave,
  onCancel,
}: {
  draft: string;
  error?: string;
  selectionEnd: number;
  onSave: (draft: string, byKeyboard: boolean) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  // Enter and Escape end the editing; the blur that follows must not save a second time.
  const done = useRef(false);
  const errorId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: select once, when the input appears
  useEffect(() => {
    ref.current?.focus();
    ref.current?.setSelectionRange(0, selectionEnd);
  }, []);

  const finish = (then: () => void) => {
    if (done.current) return;
    done.current = true;
    then();
  };

  return (
    <span className={styles.editor}>
      <input
        ref={ref}
        className={cx(styles.input, error && styles.invalid)}
        aria-label="Recording title"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        defaultValue={draft}
        placeholder={UNTITLED}
        maxLength={200}
        enterKeyHint="done"
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            finish(() => onSave(event.currentTarget.value, true));
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            finish(onCancel);
          }
        }}
        onBlur={(event) => finish(() => onSave(event.currentTarget.value, false))}
      />
      {error && (
        <span id={errorId} className={styles.error} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
