import type { Space } from '@tidings/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/errors';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { SpacesIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { Spinner } from '../../ui/Spinner';
import { useMembership, useSpaces } from './api';
import { CreateSpaceDialog } from './CreateSpaceDialog';
import styles from './Spaces.module.css';

export function SpaceBadges({ space }: { space: Space }) {
  return (
    <>
      <Badge tone={space.visibility === 'private' ? 'warning' : 'neutral'}>
        {space.visibility === 'private' ? 'Private' : 'Public'}
      </Badge>
      {space.archivedAt !== null && <Badge>Archived</Badge>}
    </>
  );
}

export function SpacesPage() {
  useDocumentTitle('Spaces');
  const spaces = useSpaces();
  const membership = useMembership();
  const [creating, setCreating] = useState(false);
  const list = [...(spaces.data?.spaces ?? [])].sort(
    (a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null) || a.name.localeCompare(b.name),
  );

  return (
    <>
      <PageHeader
        title="Spaces"
        description="Groups of people and threads: a team, a project, a customer."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New space
          </Button>
        }
      />
      {membership.isError && <Alert tone="error">{errorMessage(membership.error)}</Alert>}
      {spaces.isPending ? (
        <Spinner label="Loading spaces" />
      ) : spaces.isError ? (
        <Alert tone="error">{errorMessage(spaces.error)}</Alert>
      ) : list.length === 0 ? (
        <EmptyState
          icon={<SpacesIcon />}
          title="No spaces yet"
          action={
            <Button variant="primary" onClick={() => setCreating(true)}>
              Create the first space
            </Button>
          }
        >
          A space gathers the people and threads of one team, project or customer.
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Spaces">
          {list.map((space) => (
            <li key={space.id} className={styles.row}>
              <div className={styles.rowMain}>
                <div className={styles.rowTitle}>
                  <Link to={`/spaces/${encodeURIComponent(space.id)}`} className={styles.name}>
                    {space.name}
                  </Link>
                  <SpaceBadges space={space} />
                </div>
                {space.description && <p className={styles.description}>{space.description}</p>}
                <p className={styles.count}>
                  {space.memberCount} {space.memberCount === 1 ? 'member' : 'members'}
                  {space.isMember && ' · you are a member'}
                </p>
              </div>
              {space.archivedAt === null && (
                <Button
                  size="sm"
                  variant={space.isMember ? 'ghost' : 'secondary'}
                  busy={membership.isPending && membership.variables?.id === space.id}
                  onClick={() =>
                    membership.mutate({ id: space.id, action: space.isMember ? 'leave' : 'join' })
                  }
                >
                  {space.isMember ? 'Leave' : 'Join'}
                  <span className="visually-hidden"> {space.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {creating && <CreateSpaceDialog open onClose={() => setCreating(false)} />}
    </>
  );
}
