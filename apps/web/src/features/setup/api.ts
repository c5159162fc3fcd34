import { useMutation } from '@tanstack/react-query';
import { SessionInfo, type SetupRequest } from '@tidings/contracts';
import { api } from '../../api/client';
import { queryClient } from '../../api/queryClient';
import { setupQuery, startSession } from '../../api/session';

export function useCreateWorkspace() {
  return useMutation({
    mutationFn: (body: SetupRequest) => api.post('/api/setup', body, SessionInfo),
    onSuccess: (session) => {
      startSession(session);
      queryClient.setQueryData(setupQuery.queryKey, { needsSetup: false });
    },
  });
}
