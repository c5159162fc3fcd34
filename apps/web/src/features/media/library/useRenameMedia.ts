import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { Media, type MediaList } from '@tidings/contracts';
import { api } from '../../../api/client';
import { mediaKey } from '../api';

interface Rename {
  id: string;
  title: string;
}

const retitled = (media: Media | undefined, { id, title }: Rename) =>
  media?.id === id ? { ...media, title } : media;

/**
 * PATCH /api/media/:id with an optimistic title everywhere the recording is cached (library, its
 * own query, share pages); the old titles come back if the server refuses.
 */
export function useRenameMedia() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title }: Rename) =>
      api.patch(`/api/media/${encodeURIComponent(id)}`, { title }, Media),
    onMutate: async (rename) => {
      const keys: QueryKey[] = [['my-media'], mediaKey(rename.id), ['share']];
      await Promise.all(keys.map((queryKey) => client.cancelQueries({ queryKey })));
      const before = keys.flatMap((queryKey) => client.getQueriesData({ queryKey }));
      client.setQueryData<MediaList>(['my-media'], (old) =>
        old ? { media: old.media.map((m) => retitled(m, rename) ?? m) } : old,
      );
      client.setQueryData<Media>(mediaKey(rename.id), (old) => retitled(old, rename));
      client.setQueriesData<Media>({ queryKey: ['share'] }, (old) => retitled(old, rename));
      return { before };
    },
    onError: (_error, _rename, context) => {
      for (const [queryKey, data] of context?.before ?? []) client.setQueryData(queryKey, data);
    },
    onSettled: (_data, _error, { id }) => {
      void client.invalidateQueries({ queryKey: ['my-media'] });
      void client.invalidateQueries({ queryKey: mediaKey(id) });
      void client.invalidateQueries({ queryKey: ['share'] });
    },
  });
}
