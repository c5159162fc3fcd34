import { Dialog } from '../ui/Dialog';
import styles from './ShortcutsDialog.module.css';
import { shortcuts } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <dl className={styles.list}>
        {shortcuts.map(({ keys, description }) => (
          <div key={description} className={styles.row}>
            <dt className={styles.keys}>
              {keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && <span className={styles.then}>then</span>}
                  <kbd className={styles.key}>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd className={styles.description}>{description}</dd>
          </div>
        ))}
      </dl>
      <p className={styles.note}>Shortcuts are off while you type in a field.</p>
    </Dialog>
  );
}
