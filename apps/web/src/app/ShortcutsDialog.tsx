import { Dialog } from '../ui/Dialog';
import styles from './ShortcutsDialog.module.css';
import { type Shortcut, shortcuts } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <ShortcutList items={shortcuts.filter((s) => !s.where)} />
      <h3 className={styles.heading}>In the player</h3>
      <p className={styles.note}>While a video or voice note, or one of its buttons, has focus.</p>
      <ShortcutList items={shortcuts.filter((s) => s.where === 'player')} />
      <p className={styles.note}>Shortcuts are off while you type in a field.</p>
    </Dialog>
  );
}

function ShortcutList({ items }: { items: Shortcut[] }) {
  return (
    <dl className={styles.list}>
      {items.map(({ keys, description }) => (
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
  );
}
