import { SignInRequest } from '@tidings/contracts';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiRequestError } from '../../api/errors';
import { useSession } from '../../api/session';
import { safeNext, useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CenteredLayout } from '../../ui/CenteredLayout';
import form from '../../ui/Form.module.css';
import { PasswordField, TextField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useSignIn } from './api';

function alertTitle(error: unknown): string {
  if (error instanceof ApiRequestError && error.code === 'rate_limited') return 'Too many attempts';
  return 'Could not sign you in';
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const errors = useFormErrors();
  const [values, setValues] = useState({ email: '', password: '' });

  if (session.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = errors.validate(SignInRequest, values);
    if (!body) return;
    signIn.mutate(body, { onSuccess: () => navigate(next, { replace: true }), onError: errors.fail });
  }

  return (
    <CenteredLayout
      title="Sign in to Tidings"
      description="Welcome back. Your inbox waits for you, not the other way round."
      footer="New here? Ask someone in your workspace for an invite link."
    >
      <form ref={errors.formRef} className={form.form} onSubmit={submit} noValidate>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          value={values.email}
          onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))}
          error={errors.field('email')}
        />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          value={values.password}
          onChange={(e) => setValues((v) => ({ ...v, password: e.target.value }))}
          error={errors.field('password')}
        />
        {errors.errors.message && (
          <Alert tone="error" title={alertTitle(signIn.error)}>
            {errors.errors.message}
          </Alert>
        )}
        <Button type="submit" variant="primary" size="lg" fullWidth busy={signIn.isPending}>
          Sign in
        </Button>
      </form>
    </CenteredLayout>
  );
}
