import { CreateSpaceRequest } from '@tidings/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useAddressBook } from '../compose/addressBook';
import { useCreateSpace } from './api';
import styles from './Spaces.module.css';

export function CreateSpaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const create = useCreateSpace();
  const book = useAddressBook();
  const { formRef, errors, field, fail, validate } = useFormErrors();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [memberIds, setMemberIds] = useState<string[]>([]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const request = validate(CreateSpaceRequest, { name, description, visibility, memberIds });
    if (!request) return;
    create.mutate(request, {
      onSuccess: (space) => {
        onClose();
        navigate(`/spaces/${encodeURIComponent(space.id)}`);
      },
      onError: fail,
    });
  }

  return (
    <Dialog open={open} onClose={onClose} title="New space">
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={field('name')}
          maxLength={80}
        />
        <TextField
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={field('description')}
          hint="Optional: what the space is for."
          maxLength={500}
        />
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Who can see it</legend>
          <label className={styles.radio}>
            <input
              type="radio"
              name="visibility"
              checked={visibility === 'public'}
              onChange={() => setVisibility('public')}
            />
            <span>
              <strong>Public</strong> — everyone in the workspace can see and join it
            </span>
          </label>
          <label className={styles.radio}>
            <input
              type="radio"
              name="visibility"
              checked={visibility === 'private'}
              onChange={() => setVisibility('private')}
            />
            <span>
              <strong>Private</strong> — only the people added
            </span>
          </label>
        </fieldset>
        {book.people.length > 0 && (
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Members</legend>
            <div className={styles.memberChoices}>
              {book.people.map((p) => (
                <label key={p.id} className={styles.radio}>
                  <input
                    type="checkbox"
                    checked={memberIds.includes(p.id)}
                    onChange={(e) =>
                      setMemberIds((ids) =>
                        e.target.checked ? [...ids, p.id] : ids.filter((id) => id !== p.id),
                      )
                    }
                  />
                  <span>{p.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {errors.message && <Alert tone="error">{errors.message}</Alert>}
        <div className={styles.formActions}>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create space
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
