import { Dialog } from '../ui/Dialog.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import styles from './ShortcutsDialog.module.css';

const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['/'], what: 'Search contacts' },
  { keys: ['C'], what: 'New contact' },
  { keys: ['↑', '↓'], what: 'Move through the contact list (or J, K)' },
  { keys: ['Enter'], what: 'Open the contact' },
  { keys: ['M'], what: 'Write a message on a contact page' },
  { keys: ['E'], what: 'Edit the contact' },
  { keys: ['S'], what: 'Share the contact' },
  { keys: ['Ctrl', 'Enter'], what: 'Send from the composer' },
  { keys: ['Esc'], what: 'Close a dialog or menu' },
  { keys: ['?'], what: 'Show this list' },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" size="sm">
      <dl className={styles.shortcuts}>
        {SHORTCUTS.map((s) => (
          <div key={s.what} className={styles.shortcut}>
            <dt className={styles.keys}>
              {s.keys.map((k) => (
                <Kbd key={k}>{k}</Kbd>
              ))}
            </dt>
            <dd className={styles.what}>{s.what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
