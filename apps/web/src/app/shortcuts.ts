import { useEffect } from 'react';
import { useNavigate } from 'react-router';

export interface Shortcut {
  keys: string[];
  description: string;
  /** Player keys work while a player or one of its controls has focus. */
  where?: 'player';
}

export const shortcuts: Shortcut[] = [
  { keys: ['g', 'i'], description: 'Go to Inbox' },
  { keys: ['g', 's'], description: 'Go to Spaces' },
  { keys: ['g', 'r'], description: 'Go to Recordings' },
  { keys: ['/'], description: 'Search' },
  { keys: ['j'], description: 'Next item in a list' },
  { keys: ['k'], description: 'Previous item in a list' },
  { keys: ['o'], description: 'Open the selected item (or Enter)' },
  { keys: ['e'], description: 'Mark the selected inbox item done' },
  { keys: ['r'], description: 'Reply (in a thread)' },
  { keys: ['c'], description: 'Comment at the current moment (a recording in a thread has focus)' },
  { keys: ['?'], description: 'Show keyboard shortcuts' },
  // The player's own keys, while a player or one of its controls has focus (playerKeys.ts).
  { keys: ['k'], description: 'Play or pause; Space too', where: 'player' },
  { keys: ['j'], description: 'Back 10 seconds', where: 'player' },
  { keys: ['l'], description: 'Forward 10 seconds', where: 'player' },
  { keys: ['←'], description: 'Back 5 seconds', where: 'player' },
  { keys: ['→'], description: 'Forward 5 seconds', where: 'player' },
  { keys: ['0–9'], description: 'Jump to 0 %–90 %', where: 'player' },
  { keys: ['Home'], description: 'Jump to the start', where: 'player' },
  { keys: ['End'], description: 'Jump to the end', where: 'player' },
  { keys: [','], description: 'One frame back, while paused', where: 'player' },
  { keys: ['.'], description: 'One frame forward, while paused', where: 'player' },
  { keys: ['<'], description: 'Slower', where: 'player' },
  { keys: ['>'], description: 'Faster', where: 'player' },
  { keys: ['m'], description: 'Mute or unmute', where: 'player' },
  { keys: ['f'], description: 'Full screen', where: 'player' },
];

/** Typing into a field, or a modal being open, switches the single-key shortcuts off. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(
      target.type,
    );
  }
  return false;
}

const sequenceTimeoutMs = 1200;

/** `g i`, `g s`, `g r`, `/` and `?` anywhere in the signed-in app. */
export function useShortcuts(onHelp: () => void): void {
  const navigate = useNavigate();

  useEffect(() => {
    let pendingG = 0;

    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;

      const now = Date.now();
      if (pendingG && now - pendingG < sequenceTimeoutMs) {
        pendingG = 0;
        if (event.key === 'i') {
          event.preventDefault();
          navigate('/');
          return;
        }
        if (event.key === 's') {
          event.preventDefault();
          navigate('/spaces');
          return;
        }
        if (event.key === 'r') {
          event.preventDefault();
          navigate('/recordings');
          return;
        }
      }
      pendingG = 0;

      if (event.key === 'g') {
        pendingG = now;
      } else if (event.key === '/') {
        event.preventDefault();
        // Already searching: keep the query and filters, just go back to the box.
        if (window.location.pathname === '/search') document.getElementById('search-query')?.focus();
        else navigate('/search');
      } else if (event.key === '?') {
        event.preventDefault();
        onHelp();
      }
    }

    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate, onHelp]);
}
