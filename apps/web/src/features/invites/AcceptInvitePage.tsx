import { AcceptInviteRequest, type InvitePreview } from '@tidings/contracts';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiRequestError, errorMessage, isNotFound } from '../../api/errors';
import { useSession } from '../../api/session';
import { formatDate } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/navigation';
import { detectTimeZone } from '../../lib/timeZones';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CenteredLayout } from '../../ui/CenteredLayout';
import form from '../../ui/Form.module.css';
import { PageLoading } from '../../ui/Spinner';
import { PasswordField, TextField } from '../../ui/TextField';
import { TimeZoneField } from '../../ui/TimeZoneField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useAcceptInvite, useInvitePreview } from './api';
import { withArticle } from './roles';

export function AcceptInvitePage() {
  const { token = '' } = useParams();
  const preview = useInvitePreview(token);
  useDocumentTitle(preview.data ? `Join ${preview.data.workspaceName}` : 'Invitation');

  if (preview.isPending) return <PageLoading />;
  if (preview.isError) {
    // 400 (malformed token) and 404 (unknown, expired, used, revoked) mean the same to people.
    const dead =
      isNotFound(preview.error) || (preview.error instanceof ApiRequestError && preview.error.status === 400);
    return dead ? (
      <CenteredLayout
        title="This invite link doesn't work"
        footer={
          <>
            Joined already? <Link to="/sign-in">Sign in</Link>
          </>
        }
      >
        <p>
          {isNotFound(preview.error)
            ? errorMessage(preview.error)
            : 'This link is not a valid invite. Ask for a new invite from the person who sent it.'}
        </p>
      </CenteredLayout>
    ) : (
      <CenteredLayout title="Could not open this invite">
        <Alert tone="error" action={<Button onClick={() => preview.refetch()}>Try again</Button>}>
          {errorMessage(preview.error)}
        </Alert>
      </CenteredLayout>
    );
  }
  return <AcceptInviteForm token={token} invite={preview.data} />;
}

function AcceptInviteForm({ token, invite }: { token: string; invite: InvitePreview }) {
  const navigate = useNavigate();
  const session = useSession();
  const accept = useAcceptInvite(token);
  const errors = useFormErrors();
  const [values, setValues] = useState({
    name: '',
    email: invite.email ?? '',
    password: '',
    timeZone: detectTimeZone(),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = errors.validate(AcceptInviteRequest, { ...values, email: invite.email ?? values.email });
    if (!body) return;
    accept.mutate(body, { onSuccess: () => navigate('/', { replace: true }), onError: errors.fail });
  }

  return (
    <CenteredLayout
      wide
      title={`Join ${invite.workspaceName}`}
      description={
        <>
          <strong>{invite.invitedBy}</strong> invited you to <strong>{invite.workspaceName}</strong> as{' '}
          {withArticle(invite.role)}. This link works until {formatDate(invite.expiresAt)}.
        </>
      }
    >
      <form ref={errors.formRef} className={form.form} onSubmit={submit} noValidate>
        {session.data && (
          <Alert tone="info">
            You are signed in as {session.data.user.name}. Joining creates a new account and signs you in with
            it.
          </Alert>
        )}
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          error={errors.field('name')}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={values.email}
          readOnly={invite.email !== null}
          onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))}
          error={errors.field('email')}
          hint={invite.email !== null ? 'This invite is for this address only.' : undefined}
        />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => setValues((v) => ({ ...v, password: e.target.value }))}
          error={errors.field('password')}
          hint="At least 10 characters."
        />
        <TimeZoneField
          value={values.timeZone}
          onChange={(timeZone) => setValues((v) => ({ ...v, timeZone }))}
          error={errors.field('timeZone')}
          hint="Messages reach you during your working hours in this zone."
        />
        {errors.errors.message && <Alert tone="error">{errors.errors.message}</Alert>}
        <Button type="submit" variant="primary" size="lg" fullWidth busy={accept.isPending}>
          Join workspace
        </Button>
      </form>
    </CenteredLayout>
  );
}
