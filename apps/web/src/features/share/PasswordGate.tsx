import { type FormEvent, useState } from 'react';
import { ApiRequestError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PasswordField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useUnlock } from './api';
import styles from './Share.module.css';

/** A password link before it is unlocked: one field; wrong tries and the lock-out say so plainly. */
export function PasswordGate({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const unlock = useUnlock(token);
  const { formRef, errors, field, fail, clear } = useFormErrors();
  const [empty, setEmpty] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setEmpty(!password);
    if (!password) return;
    clear();
    unlock.mutate(password, { onError: fail });
  }

  const lockedOut = unlock.error instanceof ApiRequestError && unlock.error.status === 429;
  return (
    <section className={styles.gate} aria-labelledby="gate-title">
      <h1 id="gate-title" className={styles.gateTitle}>
        This link is protected
      </h1>
      <p className={styles.muted}>Enter the password the person who sent it gave you.</p>
      <form ref={formRef} className={styles.gateForm} onSubmit={submit} noValidate>
        <PasswordField
          label="Password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={field('password') ?? (empty ? 'Enter the password' : undefined)}
          required
        />
        {errors.message && !field('password') && (
          <Alert tone={lockedOut ? 'warning' : 'error'} title={lockedOut ? 'Locked for now' : undefined}>
            {errors.message}
          </Alert>
        )}
        <Button type="submit" variant="primary" busy={unlock.isPending} fullWidth>
          Open
        </Button>
      </form>
    </section>
  );
}

/** Unknown, revoked or expired: the same words for all, and nothing about what it was. */
export function LinkGone() {
  return (
    <section className={styles.gate} aria-labelledby="gone-title">
      <h1 id="gone-title" className={styles.gateTitle}>
        This link doesn't work
      </h1>
      <p>It may have expired or been turned off. Ask the person who sent it for a new one.</p>
    </section>
  );
}
