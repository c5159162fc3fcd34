import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, isNotFound } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { formatListTime } from '../../lib/due';
import { useDocumentTitle } from '../../lib/navigation';
import { useListNavigation } from '../../lib/useListNavigation';
import { Alert } from '../../ui/Alert';
import { Avatar } from '../../ui/Avatar';
import { Badge } from '../../ui/Badge';
import { Button, ButtonLink } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { SpacesIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { Section } from '../../ui/Section';
import { Spinner } from '../../ui/Spinner';
import { TextField } from '../../ui/TextField';
import { useAddressBook } from '../compose/addressBook';
import {
  useAddSpaceMembers,
  useMembership,
  useRemoveSpaceMember,
  useSpace,
  useSpaceMembers,
  useSpaceThreads,
  useUpdateSpace,
} from './api';
import styles from './Spaces.module.css';
import { SpaceBadges } from './SpacesPage';

export function SpacePage() {
  const { id = '' } = useParams();
  const space = useSpace(id);
  useDocumentTitle(space.data?.name ?? 'Space');

  if (space.isPending) return <Spinner label="Loading the space" />;
  if (space.isError)
    return isNotFound(space.error) ? (
      <EmptyState
        icon={<SpacesIcon />}
        title="This space is not here"
        action={<ButtonLink to="/spaces">All spaces</ButtonLink>}
      >
        It may be private, or it was removed.
      </EmptyState>
    ) : (
      <Alert tone="error">{errorMessage(space.error)}</Alert>
    );

  const s = space.data;
  return (
    <>
      <nav className={styles.back}>
        <Link to="/spaces">← Spaces</Link>
      </nav>
      <SpaceHead id={id} />
      <SpaceThreads id={id} />
      {s.isMember && <SpaceMembers id={id} />}
    </>
  );
}

function SpaceHead({ id }: { id: string }) {
  const { data: space } = useSpace(id);
  const update = useUpdateSpace(id);
  const membership = useMembership();
  const [renaming, setRenaming] = useState<string | null>(null);
  if (!space) return null;
  const archived = space.archivedAt !== null;

  return (
    <>
      <PageHeader
        title={
          <span className={styles.titleRow}>
            {space.name} <SpaceBadges space={space} />
          </span>
        }
        description={space.description || undefined}
        actions={
          <>
            {space.isMember && !archived && (
              <ButtonLink to={`/new?to=space:${encodeURIComponent(space.id)}`} variant="primary">
                New thread
              </ButtonLink>
            )}
            {!archived && (
              <Button
                busy={membership.isPending}
                onClick={() => membership.mutate({ id: space.id, action: space.isMember ? 'leave' : 'join' })}
              >
                {space.isMember ? 'Leave' : 'Join'}
              </Button>
            )}
          </>
        }
      />
      {space.isMember && (
        <div className={styles.manage}>
          {renaming === null ? (
            <Button size="sm" variant="ghost" onClick={() => setRenaming(space.name)}>
              Rename
            </Button>
          ) : (
            <form
              className={styles.renameForm}
              onSubmit={(e) => {
                e.preventDefault();
                update.mutate({ name: renaming }, { onSuccess: () => setRenaming(null) });
              }}
            >
              <TextField
                label="Space name"
                value={renaming}
                onChange={(e) => setRenaming(e.target.value)}
                maxLength={80}
              />
              <Button size="sm" type="submit" variant="primary" busy={update.isPending}>
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setRenaming(null)}>
                Cancel
              </Button>
            </form>
          )}
          <Button
            size="sm"
            variant="ghost"
            busy={update.isPending && renaming === null}
            onClick={() => update.mutate({ archived: !archived })}
          >
            {archived ? 'Unarchive' : 'Archive'}
          </Button>
        </div>
      )}
      {archived && (
        <Alert tone="info">
          This space is archived: its threads stay readable, but no new threads start here.
        </Alert>
      )}
      {(update.isError || membership.isError) && (
        <Alert tone="error">{errorMessage(update.error ?? membership.error)}</Alert>
      )}
    </>
  );
}

function SpaceThreads({ id }: { id: string }) {
  const { user } = useCurrentSession();
  const navigate = useNavigate();
  const threads = useSpaceThreads(id);
  const list = threads.data?.threads ?? [];
  const { selected } = useListNavigation({
    count: list.length,
    onOpen: (index) => {
      const t = list[index];
      if (t) navigate(`/threads/${encodeURIComponent(t.id)}`);
    },
  });
  return (
    <Section title="Threads" flush>
      {threads.isPending ? (
        <div className={styles.pad}>
          <Spinner label="Loading threads" />
        </div>
      ) : threads.isError ? (
        <div className={styles.pad}>
          <Alert tone="error">{errorMessage(threads.error)}</Alert>
        </div>
      ) : list.length === 0 ? (
        <p className={styles.pad}>No threads in this space yet.</p>
      ) : (
        <ul className={styles.threads} aria-label="Threads in this space">
          {list.map((t, index) => (
            <li
              key={t.id}
              data-row-index={index}
              className={cx(styles.thread, index === selected && styles.selected)}
            >
              <Link to={`/threads/${encodeURIComponent(t.id)}`} className={styles.threadLink}>
                {t.subject}
              </Link>
              {t.resolvedAt !== null && <Badge tone="success">Resolved</Badge>}
              <span className={styles.threadTime}>{formatListTime(t.lastPostAt, user.timeZone)}</span>
              {t.excerpt && <p className={styles.threadExcerpt}>{t.excerpt}</p>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function SpaceMembers({ id }: { id: string }) {
  const { user } = useCurrentSession();
  const members = useSpaceMembers(id);
  const add = useAddSpaceMembers(id);
  const remove = useRemoveSpaceMember(id);
  const book = useAddressBook();
  const [adding, setAdding] = useState('');
  const list = members.data?.members ?? [];
  const outside = book.people.filter((p) => !list.some((m) => m.id === p.id));

  return (
    <Section
      title="Members"
      flush
      actions={
        outside.length > 0 && (
          <form
            className={styles.addForm}
            onSubmit={(e) => {
              e.preventDefault();
              if (adding) add.mutate([adding], { onSuccess: () => setAdding('') });
            }}
          >
            <label htmlFor={`add-${id}`} className="visually-hidden">
              Person to add
            </label>
            <select
              id={`add-${id}`}
              className={styles.select}
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
            >
              <option value="">Add someone…</option>
              {outside.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <Button size="sm" type="submit" disabled={!adding} busy={add.isPending}>
              Add
            </Button>
          </form>
        )
      }
    >
      {(add.isError || remove.isError) && (
        <div className={styles.pad}>
          <Alert tone="error">{errorMessage(add.error ?? remove.error)}</Alert>
        </div>
      )}
      {members.isPending ? (
        <div className={styles.pad}>
          <Spinner label="Loading members" />
        </div>
      ) : (
        <ul className={styles.members} aria-label="Space members">
          {list.map((m) => (
            <li key={m.id} className={styles.member}>
              <Avatar name={m.name} url={m.avatarUrl} size="sm" />
              <span>{m.id === user.id ? `${m.name} (you)` : m.name}</span>
              {m.id !== user.id && (
                <Button
                  size="sm"
                  variant="ghost"
                  className={styles.remove}
                  onClick={() => remove.mutate(m.id)}
                >
                  Remove<span className="visually-hidden"> {m.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
