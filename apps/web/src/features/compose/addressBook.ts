import type { Person } from '@tidings/contracts';
import { useMemo } from 'react';
import { useCurrentSession } from '../../api/session';
import { useMembers } from '../members/api';
import { useSpaces } from '../spaces/api';

/** The people and spaces of the workspace the signed-in person may address. */
export function useAddressBook() {
  const { user } = useCurrentSession();
  const members = useMembers();
  const spaces = useSpaces();
  const people: Person[] = useMemo(
    () =>
      (members.data?.members ?? [])
        .filter((m) => m.id !== user.id)
        .map((m) => ({ id: m.id, name: m.name, avatarUrl: m.avatarUrl })),
    [members.data, user.id],
  );
  const everyone: Person[] = useMemo(
    () => (members.data?.members ?? []).map((m) => ({ id: m.id, name: m.name, avatarUrl: m.avatarUrl })),
    [members.data],
  );
  const openSpaces = useMemo(
    () =>
      (spaces.data?.spaces ?? []).filter(
        (s) => s.archivedAt === null && (s.isMember || s.visibility === 'public'),
      ),
    [spaces.data],
  );
  // A typed address that is a member's is that member (as the server decides it).
  const memberIdByEmail = useMemo(
    () => new Map((members.data?.members ?? []).map((m) => [m.email.toLowerCase(), m.id])),
    [members.data],
  );
  return { people, everyone, spaces: openSpaces, memberIdByEmail };
}
