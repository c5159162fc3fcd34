import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  SpeechAdminStatus,
  type UpdateWorkspaceSettingsRequest,
  WorkspaceSettings,
} from '@tidings/contracts';
import { api } from '../../api/client';

/** Shared with the recorder (features/media/api.ts reads the same key for its length limit). */
const settingsKey = ['workspace-settings'];

export function useWorkspaceSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get('/api/workspace/settings', WorkspaceSettings, signal),
  });
}

export function useSaveWorkspaceSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWorkspaceSettingsRequest) =>
      api.patch('/api/workspace/settings', body, WorkspaceSettings),
    onSuccess: (saved) => client.setQueryData(settingsKey, saved),
  });
}

export function useSpeechStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'speech'],
    queryFn: ({ signal }) => api.get('/api/admin/speech', SpeechAdminStatus, signal),
    enabled,
  });
}
