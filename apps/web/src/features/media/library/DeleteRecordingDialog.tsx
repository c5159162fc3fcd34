import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Media, MediaList } from '@tidings/contracts';
import { accepted, api } from '../../../api/client';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { titleOf } from './library';
import styles from './Recordings.module.css';

/** Asks before deleting; on success the card leaves the list at once, on refusal the server says why. */
export function DeleteRecordingDialog({
  media,
  onClose,
  onDeleted,
}: {
  media: Media | null;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/media/${encodeURIComponent(id)}`, accepted),
    onSuccess: (_, id) => {
      client.setQueryData<MediaList>(['my-media'], (old) =>
        old ? { media: old.media.filter((m) => m.id !== id) } : old,
      );
      void client.invalidateQueries({ queryKey: ['my-media'] });
      onDeleted();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  const title = media ? titleOf(media) : '';

  return (
    <Dialog open={media !== null} onClose={close} title="Delete this recording?">
      <div className={styles.confirm}>
        <p>
          <strong>{title}</strong> and its link stop working for everyone. This cannot be undone.
        </p>
        {media?.postId && <p>It is attached to a message; it disappears from that message too.</p>}
        {remove.error && (
          <Alert tone="error" title="Not deleted">
            {remove.error.message}
          </Alert>
        )}
        <div className={styles.confirmActions}>
          <Button onClick={close}>Cancel</Button>
          <Button variant="danger" busy={remove.isPending} onClick={() => media && remove.mutate(media.id)}>
            Delete recording
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
