import { type CreatedInvite, CreateInviteRequest } from '@tidings/contracts';
import { type FormEvent, useState } from 'react';
import { formatDate } from '../../lib/dates';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import form from '../../ui/Form.module.css';
import { LinkIcon } from '../../ui/icons';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useCreateInvite } from './api';
import styles from './Invites.module.css';
import { roleDescriptions, withArticle } from './roles';

const expiryChoices = [1, 3, 7, 14, 30, 90];

type InviteRoleChoice = 'member' | 'admin' | 'guest';

/** Make an invite link: role, optionally one email address, and how long the link works. */
export function InviteForm() {
  const create = useCreateInvite();
  const errors = useFormErrors();
  const [role, setRole] = useState<InviteRoleChoice>('member');
  const [email, setEmail] = useState('');
  const [days, setDays] = useState(7);
  const [created, setCreated] = useState<CreatedInvite | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = email.trim();
    const body = errors.validate(CreateInviteRequest, {
      role,
      expiresInDays: days,
      ...(trimmed ? { email: trimmed } : {}),
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (result) => {
        setCreated(result);
        setEmail('');
      },
      onError: errors.fail,
    });
  }

  return (
    <div className={styles.inviteArea}>
      <form ref={errors.formRef} className={form.form} onSubmit={submit} noValidate>
        <div className={form.row}>
          <SelectField
            label="Role"
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as InviteRoleChoice)}
            error={errors.field('role')}
            hint={roleDescriptions[role]}
          >
            <option value="member">Member</option>
            <option value="admin">Admin</option>
            <option value="guest">Guest</option>
          </SelectField>
          <TextField
            label="Email (optional)"
            name="email"
            type="email"
            autoComplete="off"
            placeholder="name@example.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.field('email')}
            hint="When given, only this address can use the link."
          />
          <SelectField
            label="Link expires after"
            name="expiresInDays"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
            error={errors.field('expiresInDays')}
          >
            {expiryChoices.map((n) => (
              <option key={n} value={n}>
                {n === 1 ? '1 day' : `${n} days`}
              </option>
            ))}
          </SelectField>
        </div>
        {errors.errors.message && <Alert tone="error">{errors.errors.message}</Alert>}
        <div className={form.actions}>
          <Button type="submit" variant="primary" icon={<LinkIcon />} busy={create.isPending}>
            Create invite link
          </Button>
        </div>
      </form>
      {created && <CreatedInviteLink created={created} />}
    </div>
  );
}

function CreatedInviteLink({ created }: { created: CreatedInvite }) {
  const { invite, url } = created;
  const who = invite.email ? `${invite.email} can` : 'Anyone with this link can';
  return (
    <div className={styles.created} role="status">
      <p className={styles.createdTitle}>Invite link ready</p>
      <p className={styles.createdText}>
        {who} join as {withArticle(invite.role)} until {formatDate(invite.expiresAt)}. Copy it now: for
        safety, the link is shown only once.
      </p>
      <div className={styles.linkRow}>
        <TextField
          label="Invite link"
          fieldClassName={styles.linkField}
          value={url}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={url} label="Copy link" variant="primary" />
      </div>
    </div>
  );
}
