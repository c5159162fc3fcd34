import { type CreatedToken, CreateTokenRequest } from '@tidings/contracts';
import { type FormEvent, useState } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import form from '../../ui/Form.module.css';
import { TextField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useCreateToken } from './api';
import styles from './Tokens.module.css';

export function CreateTokenForm() {
  const create = useCreateToken();
  const errors = useFormErrors();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedToken | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = errors.validate(CreateTokenRequest, { name });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (result) => {
        setCreated(result);
        setName('');
      },
      onError: errors.fail,
    });
  }

  return (
    <div className={styles.createArea}>
      <form ref={errors.formRef} className={styles.createForm} onSubmit={submit} noValidate>
        <TextField
          label="Token name"
          name="name"
          autoComplete="off"
          placeholder="Deploy script"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.field('name')}
          hint="Name it after what will use it, so you know what breaks if you revoke it."
          fieldClassName={styles.nameField}
        />
        <Button type="submit" variant="primary" busy={create.isPending} className={styles.createButton}>
          Create token
        </Button>
      </form>
      {errors.errors.message && <Alert tone="error">{errors.errors.message}</Alert>}
      {created && <NewSecret created={created} />}
    </div>
  );
}

function NewSecret({ created }: { created: CreatedToken }) {
  const command = `curl -H "Authorization: Bearer ${created.secret}" ${window.location.origin}/api/auth/session`;
  return (
    <div className={styles.secret}>
      <p className={styles.secretTitle}>Copy “{created.token.name}” now</p>
      <p className={styles.secretText}>
        This is the only time the token is shown. Store it somewhere safe, like a password manager or your
        CI's secrets.
      </p>
      <div className={styles.secretRow}>
        <TextField
          label="Token"
          value={created.secret}
          readOnly
          fieldClassName={styles.secretField}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={created.secret} label="Copy token" variant="primary" />
      </div>
      <div className={form.note}>
        Send it in the <code>Authorization</code> header of each request. To try it:
      </div>
      <div className={styles.command}>
        <pre>
          <code>{command}</code>
        </pre>
        <CopyButton text={command} label="Copy command" size="sm" />
      </div>
    </div>
  );
}
