import type { User } from '@tidings/contracts';
import { type ChangeEvent, useEffect, useId, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { useRemoveAvatar, useUploadAvatar } from './api';
import styles from './Profile.module.css';

const maxBytes = 5 * 1024 * 1024;

/** Choose a photo → preview → save; or remove the current one. */
export function AvatarEditor({ user }: { user: User }) {
  const inputId = useId();
  const upload = useUploadAvatar();
  const remove = useRemoveAvatar();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    upload.reset();
    if (!chosen) return;
    if (!chosen.type.startsWith('image/')) {
      setProblem('Choose an image file, such as a JPEG or PNG.');
      return;
    }
    if (chosen.size > maxBytes) {
      setProblem('That image is larger than 5 MB. Choose a smaller one.');
      return;
    }
    setProblem(null);
    setFile(chosen);
  }

  function save() {
    if (!file) return;
    upload.mutate(file, { onSuccess: () => setFile(null) });
  }

  const error =
    problem ??
    (upload.isError ? errorMessage(upload.error) : null) ??
    (remove.isError ? errorMessage(remove.error) : null);

  return (
    <div className={styles.avatarEditor}>
      {preview ? (
        <img className={styles.preview} src={preview} alt={`Preview: new avatar for ${user.name}`} />
      ) : (
        <Avatar name={user.name} url={user.avatarUrl} size="xl" />
      )}
      <div className={styles.avatarControls}>
        <p className={styles.avatarLabel}>Photo</p>
        <p className={styles.avatarHint}>A square image works best. JPEG, PNG, WebP or GIF, up to 5 MB.</p>
        <div className={styles.avatarButtons}>
          {file ? (
            <>
              <Button variant="primary" size="sm" busy={upload.isPending} onClick={save}>
                Save photo
              </Button>
              <Button variant="ghost" size="sm" disabled={upload.isPending} onClick={() => setFile(null)}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <input
                id={inputId}
                className="visually-hidden"
                type="file"
                accept="image/*"
                onChange={choose}
              />
              <label htmlFor={inputId} className={styles.fileButton}>
                {user.avatarUrl ? 'Change photo' : 'Upload photo'}
              </label>
              {user.avatarUrl && (
                <Button
                  variant="ghost"
                  size="sm"
                  busy={remove.isPending}
                  onClick={() => remove.mutate(undefined)}
                >
                  Remove photo
                </Button>
              )}
            </>
          )}
        </div>
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    </div>
  );
}
