import { ChangePasswordRequest } from '@tidings/contracts';
import { type FormEvent, useState } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import form from '../../ui/Form.module.css';
import { PasswordField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useChangePassword } from './api';

const empty = { currentPassword: '', newPassword: '' };

export function PasswordForm() {
  const change = useChangePassword();
  const errors = useFormErrors();
  const [values, setValues] = useState(empty);

  function submit(event: FormEvent) {
    event.preventDefault();
    change.reset();
    const body = errors.validate(ChangePasswordRequest, values);
    if (!body) return;
    change.mutate(body, { onSuccess: () => setValues(empty), onError: errors.fail });
  }

  return (
    <form ref={errors.formRef} className={form.form} onSubmit={submit} noValidate>
      <div className={form.row}>
        <PasswordField
          label="Current password"
          name="currentPassword"
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={(e) => setValues((v) => ({ ...v, currentPassword: e.target.value }))}
          error={errors.field('currentPassword')}
        />
        <PasswordField
          label="New password"
          name="newPassword"
          autoComplete="new-password"
          value={values.newPassword}
          onChange={(e) => setValues((v) => ({ ...v, newPassword: e.target.value }))}
          error={errors.field('newPassword')}
          hint="At least 10 characters."
        />
      </div>
      {errors.errors.message && <Alert tone="error">{errors.errors.message}</Alert>}
      {change.isSuccess && (
        <Alert tone="success">Password changed. Use the new one next time you sign in.</Alert>
      )}
      <div className={form.actions}>
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
