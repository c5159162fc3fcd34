import { useQuery } from '@tanstack/react-query';
import { SetupRequest } from '@tidings/contracts';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { setupQuery, useSession } from '../../api/session';
import { useDocumentTitle } from '../../lib/navigation';
import { detectTimeZone } from '../../lib/timeZones';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CenteredLayout } from '../../ui/CenteredLayout';
import form from '../../ui/Form.module.css';
import { PasswordField, TextField } from '../../ui/TextField';
import { TimeZoneField } from '../../ui/TimeZoneField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useCreateWorkspace } from './api';

export function SetupPage() {
  useDocumentTitle('Set up your workspace');
  const status = useQuery(setupQuery);
  const session = useSession();
  const navigate = useNavigate();
  const create = useCreateWorkspace();
  const errors = useFormErrors();
  const [values, setValues] = useState({
    workspaceName: '',
    name: '',
    email: '',
    password: '',
    timeZone: detectTimeZone(),
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  if (status.data && !status.data.needsSetup) {
    return <Navigate to={session.data ? '/' : '/sign-in'} replace />;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = errors.validate(SetupRequest, values);
    if (!body) return;
    create.mutate(body, { onSuccess: () => navigate('/', { replace: true }), onError: errors.fail });
  }

  return (
    <CenteredLayout
      wide
      title="Set up Tidings"
      description="Name your workspace and create the owner account. You can invite everyone else next."
    >
      <form ref={errors.formRef} className={form.form} onSubmit={submit} noValidate>
        <TextField
          label="Workspace name"
          name="workspaceName"
          placeholder="Acme Studio"
          autoComplete="organization"
          value={values.workspaceName}
          onChange={(e) => set('workspaceName')(e.target.value)}
          error={errors.field('workspaceName')}
          hint="Usually your team's or company's name."
        />
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          value={values.name}
          onChange={(e) => set('name')(e.target.value)}
          error={errors.field('name')}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={(e) => set('email')(e.target.value)}
          error={errors.field('email')}
        />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set('password')(e.target.value)}
          error={errors.field('password')}
          hint="At least 10 characters."
        />
        <TimeZoneField
          value={values.timeZone}
          onChange={set('timeZone')}
          error={errors.field('timeZone')}
          hint="Messages reach you during your working hours in this zone."
        />
        {errors.errors.message && <Alert tone="error">{errors.errors.message}</Alert>}
        <Button type="submit" variant="primary" size="lg" fullWidth busy={create.isPending}>
          Create workspace
        </Button>
      </form>
    </CenteredLayout>
  );
}
