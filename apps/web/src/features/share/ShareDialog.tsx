import type { ShareLink, ShareTargetKind } from '@tidings/contracts';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { formatDayTime } from '../../lib/due';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { SelectField } from '../../ui/SelectField';
import { PasswordField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useCreateShareLink, useRevokeShareLink, useShareLinks } from './api';
import styles from './Share.module.css';

const DAY = 24 * 3600_000;
const EXPIRY = { never: null, '1': DAY, '7': 7 * DAY, '30': 30 * DAY } as const;
type Expiry = keyof typeof EXPIRY;
const WHAT: Record<ShareTargetKind, string> = { media: 'recording', post: 'message', thread: 'thread' };

/** "Share…": make a link (password, expiry, comments), copy it once, see and revoke earlier ones. */
export function ShareButton({ kind, id }: { kind: ShareTargetKind; id: string }) {
  const { user } = useCurrentSession();
  const [open, setOpen] = useState(false);
  if (user.role === 'guest' || user.role === 'external') return null;
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label={`Share this ${WHAT[kind]}…`}
      >
        Share…
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Share this ${WHAT[kind]} by link`}>
        {open && <ShareDialogBody kind={kind} id={id} />}
      </Dialog>
    </>
  );
}

function ShareDialogBody({ kind, id }: { kind: ShareTargetKind; id: string }) {
  const [usePassword, setUsePassword] = useState(false);
  const [password, setPassword] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('7');
  const [allowComments, setAllowComments] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const create = useCreateShareLink(kind, id);
  const links = useShareLinks(kind, id, true);
  const { formRef, errors, field, fail, clear } = useFormErrors();

  function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    setUrl(null);
    const span = EXPIRY[expiry];
    create.mutate(
      {
        password: usePassword ? password : null,
        expiresAt: span === null ? null : Date.now() + span,
        allowComments,
      },
      {
        onSuccess: (made) => {
          setUrl(made.url);
          setPassword('');
        },
        onError: fail,
      },
    );
  }

  return (
    <div className={styles.dialogBody}>
      <p className={styles.muted}>
        Anyone with the link can watch and read this {WHAT[kind]} without an account. Nobody can open other
        parts of the workspace with it.
      </p>
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        <label className={styles.checkbox}>
          <input type="checkbox" checked={usePassword} onChange={(e) => setUsePassword(e.target.checked)} />
          Require a password
        </label>
        {usePassword && (
          <PasswordField
            label="Password"
            hint="At least 8 characters. Send it separately from the link."
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={field('password')}
          />
        )}
        <div className={styles.row}>
          <SelectField
            label="Link works for"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value as Expiry)}
            error={field('expiresAt')}
          >
            <option value="1">1 day</option>
            <option value="7">7 days</option>
            <option value="30">30 days</option>
            <option value="never">Until turned off</option>
          </SelectField>
        </div>
        <label className={styles.checkbox}>
          <input
            type="checkbox"
            checked={allowComments}
            onChange={(e) => setAllowComments(e.target.checked)}
          />
          Viewers may comment (their comments appear in this thread)
        </label>
        {errors.message && Object.keys(errors.fields).length === 0 && (
          <Alert tone="error">{errors.message}</Alert>
        )}
        <div>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create link
          </Button>
        </div>
      </form>
      {url && (
        <div className={styles.created} role="status">
          <p>
            <strong>Your link is ready.</strong> Copy it now — it will not be shown again.
          </p>
          <div className={styles.urlRow}>
            <input
              className={styles.url}
              readOnly
              value={url}
              aria-label="Share link"
              onFocus={(e) => e.target.select()}
            />
            <CopyButton text={url} label="Copy link" variant="primary" size="sm" />
          </div>
        </div>
      )}
      <ExistingLinks kind={kind} id={id} links={links.data?.links ?? []} error={links.error} />
    </div>
  );
}

function ExistingLinks({
  kind,
  id,
  links,
  error,
}: {
  kind: ShareTargetKind;
  id: string;
  links: ShareLink[];
  error: unknown;
}) {
  const { user } = useCurrentSession();
  const revoke = useRevokeShareLink(kind, id);
  if (error) return <Alert tone="error">{errorMessage(error)}</Alert>;
  if (links.length === 0) return null;
  const when = (ms: number) => formatDayTime(ms, user.timeZone);
  return (
    <section aria-labelledby="share-links-title" className={styles.created}>
      <h3 id="share-links-title" className={styles.sectionTitle}>
        Links to this {WHAT[kind]}
      </h3>
      <ul className={styles.links}>
        {links.map((link) => (
          <li key={link.id} className={styles.link}>
            <div className={link.active ? styles.linkInfo : `${styles.linkInfo} ${styles.linkOff}`}>
              <span>
                By {link.createdBy.id === user.id ? 'you' : link.createdBy.name}, {when(link.createdAt)}
                {link.hasPassword && ' · password'}
                {link.allowComments && ' · comments on'}
              </span>
              <span>
                {link.viewCount} view{link.viewCount === 1 ? '' : 's'}
                {link.lastViewedAt !== null && `, last ${when(link.lastViewedAt)}`}
                {' · '}
                {link.revokedAt !== null
                  ? `Turned off ${when(link.revokedAt)}`
                  : link.expiresAt === null
                    ? 'Never expires'
                    : link.active
                      ? `Expires ${when(link.expiresAt)}`
                      : `Expired ${when(link.expiresAt)}`}
              </span>
            </div>
            {link.active && (
              <Button
                size="sm"
                variant="danger"
                busy={revoke.isPending && revoke.variables === link.id}
                onClick={() => revoke.mutate(link.id)}
                aria-label={`Revoke link made ${when(link.createdAt)}`}
              >
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
      {revoke.isError && <Alert tone="error">{errorMessage(revoke.error)}</Alert>}
    </section>
  );
}
