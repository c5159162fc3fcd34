import { Button } from '../../ui/Button';
import { formatClock } from '../media/api';
import styles from './Moments.module.css';
import { type MomentDraft, setMomentDraft } from './momentDraft';

/** Above the reply box: what this reply answers, with a way to make it a plain reply again. */
export function MomentDraftChip({ draft }: { draft: MomentDraft }) {
  return (
    <div className={styles.draft} data-testid="moment-draft">
      <span>
        {draft.replyTo ? `Replying to ${draft.replyTo.authorName}'s comment ` : 'Commenting '}
        at {formatClock(draft.atMs)} on {draft.mediaTitle || 'the recording'}
      </span>
      <Button size="sm" variant="ghost" onClick={() => setMomentDraft(null)}>
        Not about this moment
      </Button>
    </div>
  );
}
