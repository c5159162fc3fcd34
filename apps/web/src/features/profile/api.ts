import { useMutation } from '@tanstack/react-query';
import { type ChangePasswordRequest, Ok, type UpdateProfileRequest, User } from '@tidings/contracts';
import { api, request } from '../../api/client';
import { updateSessionUser } from '../../api/session';
import { useRefreshMembers } from '../members/api';

type PasswordChange = ReturnType<typeof ChangePasswordRequest.parse>;

/** Every profile change returns the new User: put it in the session and refresh the member list. */
function useUserMutation<T>(mutationFn: (input: T) => Promise<User>) {
  const refreshMembers = useRefreshMembers();
  return useMutation({
    mutationFn,
    onSuccess: (user) => {
      updateSessionUser(user);
      void refreshMembers();
    },
  });
}

export function useUpdateProfile() {
  return useUserMutation((body: UpdateProfileRequest) => api.patch('/api/me', body, User));
}

export function useUploadAvatar() {
  return useUserMutation((file: File) => {
    const body = new FormData();
    body.append('file', file);
    return request('PUT', '/api/me/avatar', { body, schema: User });
  });
}

export function useRemoveAvatar() {
  return useUserMutation(() => api.delete('/api/me/avatar', User));
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: PasswordChange) => api.post('/api/me/password', body, Ok),
  });
}
