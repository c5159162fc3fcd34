import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { formatClock } from '../media/api';
import { useShareComment } from './api';
import styles from './Share.module.css';

interface Props {
  token: string;
  /** The name this viewer used before. */
  knownName: string | null;
  /** The recording the viewer is at and its element, for "at 0:42". */
  moment: { mediaId: string; el: HTMLMediaElement } | null;
}

/** A link viewer's comment: a name, the text, optionally tied to the moment they are at. */
export function ShareCommentForm({ token, knownName, moment }: Props) {
  const id = useId();
  const [name, setName] = useState(knownName ?? '');
  const [body, setBody] = useState('');
  const [atMoment, setAtMoment] = useState(true);
  const [sent, setSent] = useState(false);
  const comment = useShareComment(token);
  const { formRef, errors, field, fail, clear } = useFormErrors();
  const atMs = moment ? Math.round(moment.el.currentTime * 1000) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    setSent(false);
    const input = {
      name,
      body,
      ...(moment && atMoment && atMs !== null && atMs > 0 && { mediaId: moment.mediaId, atMs }),
    };
    comment.mutate(input, {
      onSuccess: () => {
        setBody('');
        setSent(true);
      },
      onError: fail,
    });
  }

  return (
    <section className={styles.comments} aria-labelledby="comment-title">
      <h2 id="comment-title" className={styles.sectionTitle}>
        Leave a comment
      </h2>
      <form ref={formRef} className={styles.commentForm} onSubmit={submit} noValidate>
        <TextField
          label="Your name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={field('name')}
          maxLength={80}
        />
        <div className={styles.textareaLabel}>
          <label htmlFor={`${id}-body`}>Comment</label>
          <textarea
            id={`${id}-body`}
            className={styles.textarea}
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={field('body') ? true : undefined}
            aria-describedby={field('body') ? `${id}-body-error` : undefined}
            maxLength={5000}
          />
          {field('body') && (
            <span id={`${id}-body-error`} className={styles.fieldError}>
              {field('body')}
            </span>
          )}
        </div>
        {moment && atMs !== null && atMs > 0 && (
          <label className={styles.checkbox}>
            <input type="checkbox" checked={atMoment} onChange={(e) => setAtMoment(e.target.checked)} />
            At {formatClock(atMs)} in the recording
          </label>
        )}
        {errors.message && Object.keys(errors.fields).length === 0 && (
          <Alert tone="error">{errors.message}</Alert>
        )}
        {sent && <Alert tone="success">Thanks — your comment was sent.</Alert>}
        <Button type="submit" variant="primary" busy={comment.isPending}>
          Send comment
        </Button>
      </form>
    </section>
  );
}
