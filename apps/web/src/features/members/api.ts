import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MemberList, type Role, User } from '@tidings/contracts';
import { api } from '../../api/client';
import { updateSessionUser, useCurrentSession } from '../../api/session';

const membersQuery = queryOptions({
  queryKey: ['members'],
  queryFn: ({ signal }) => api.get('/api/members', MemberList, signal),
});

export function useMembers() {
  return useQuery(membersQuery);
}

/** Refetch the member list after someone's name, photo or role changed. */
export function useRefreshMembers() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: membersQuery.queryKey });
}

export function useChangeRole() {
  const client = useQueryClient();
  const { user: me } = useCurrentSession();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Exclude<Role, 'owner'> }) =>
      api.patch(`/api/members/${encodeURIComponent(id)}`, { role }, User),
    onSuccess: (user) => {
      client.setQueryData(membersQuery.queryKey, (list) =>
        list ? { members: list.members.map((m) => (m.id === user.id ? user : m)) } : list,
      );
      if (user.id === me.id) updateSessionUser(user);
    },
    onSettled: () => client.invalidateQueries({ queryKey: membersQuery.queryKey }),
  });
}
