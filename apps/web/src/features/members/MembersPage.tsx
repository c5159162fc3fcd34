import type { Role, User } from '@tidings/contracts';
import { errorMessage } from '../../api/errors';
import { canManageMembers, useCurrentSession } from '../../api/session';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Avatar } from '../../ui/Avatar';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { Spinner } from '../../ui/Spinner';
import { InviteForm } from '../invites/InviteForm';
import { PendingInvites } from '../invites/PendingInvites';
import { roleLabels } from '../invites/roles';
import { useChangeRole, useMembers } from './api';
import styles from './Members.module.css';

const roleOrder: Record<Role, number> = { owner: 0, admin: 1, member: 2, guest: 3, external: 4 };

export function MembersPage() {
  useDocumentTitle('Members');
  const { user: me } = useCurrentSession();
  const manager = canManageMembers(me);
  return (
    <>
      {manager && (
        <Section
          title="Invite people"
          description="Create a link and send it however you like. Whoever opens it picks a name and password."
        >
          <InviteForm />
        </Section>
      )}
      <MembersSection me={me} manager={manager} />
      {manager && (
        <Section title="Pending invites" description="Links that have not been used yet." flush>
          <PendingInvites />
        </Section>
      )}
    </>
  );
}

function MembersSection({ me, manager }: { me: User; manager: boolean }) {
  const members = useMembers();
  const changeRole = useChangeRole();
  const count = members.data?.members.length;
  const sorted = [...(members.data?.members ?? [])].sort(
    (a, b) => roleOrder[a.role] - roleOrder[b.role] || a.name.localeCompare(b.name),
  );

  return (
    <Section
      title="Members"
      description={
        count === undefined ? undefined : `${count} ${count === 1 ? 'person' : 'people'} in this workspace.`
      }
      flush
    >
      {members.isPending && (
        <div className={styles.loading}>
          <Spinner label="Loading members" />
        </div>
      )}
      {members.isError && (
        <div className={styles.padded}>
          <Alert tone="error" action={<Button onClick={() => members.refetch()}>Try again</Button>}>
            {errorMessage(members.error)}
          </Alert>
        </div>
      )}
      {changeRole.isError && (
        <div className={styles.padded}>
          <Alert tone="error">{errorMessage(changeRole.error)}</Alert>
        </div>
      )}
      {members.data && (
        <ul className={styles.list} aria-label="Members">
          {sorted.map((member) => (
            <li key={member.id} className={styles.member}>
              <Avatar name={member.name} url={member.avatarUrl} />
              <div className={styles.who}>
                <p className={styles.name}>
                  {member.name}
                  {member.id === me.id && <span className={styles.you}>(you)</span>}
                </p>
                <p className={styles.email}>{member.email}</p>
              </div>
              {manager && member.role !== 'owner' && member.id !== me.id ? (
                <RoleSelect
                  member={member}
                  busy={changeRole.isPending && changeRole.variables?.id === member.id}
                  onChange={(role) => changeRole.mutate({ id: member.id, role })}
                />
              ) : (
                <Badge tone={member.role === 'owner' || member.role === 'admin' ? 'accent' : 'neutral'}>
                  {roleLabels[member.role]}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

type AssignableRole = Exclude<Role, 'owner'>;

function RoleSelect({
  member,
  busy,
  onChange,
}: {
  member: User;
  busy: boolean;
  onChange: (role: AssignableRole) => void;
}) {
  return (
    <span className={styles.roleSelect}>
      {/* aria-label, not hidden label text, so the name appears once in the row's text. */}
      <select
        aria-label={`Role for ${member.name}`}
        value={member.role}
        disabled={busy}
        onChange={(event) => onChange(event.target.value as AssignableRole)}
      >
        <option value="admin">Admin</option>
        <option value="member">Member</option>
        <option value="guest">Guest</option>
      </select>
    </span>
  );
}
