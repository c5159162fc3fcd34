import { useEffect, useRef, useState } from 'react';
import { isTyping } from '../app/shortcuts';

interface ListKeys {
  count: number;
  onOpen: (index: number) => void;
  onDone?: (index: number) => void;
}

/**
 * `j`/`k` move the selection in a list, `o`/Enter open the selected row, `e` marks it done.
 * Rows carry `data-row-index`; the selected one is scrolled into view.
 */
export function useListNavigation({ count, onOpen, onDone }: ListKeys) {
  const [selected, setSelected] = useState(-1);
  const latest = useRef({ count, onOpen, onDone, selected });
  latest.current = { count, onOpen, onDone, selected };

  useEffect(() => {
    if (selected >= count) setSelected(count - 1);
  }, [count, selected]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const { count, onOpen, onDone, selected } = latest.current;
      if (count === 0) return;
      const move = (index: number) => {
        const next = Math.max(0, Math.min(count - 1, index));
        setSelected(next);
        document
          .querySelector<HTMLElement>(`[data-row-index="${next}"]`)
          ?.scrollIntoView({ block: 'nearest' });
      };
      if (event.key === 'j') move(selected + 1);
      else if (event.key === 'k') move(selected < 0 ? 0 : selected - 1);
      else if ((event.key === 'o' || event.key === 'Enter') && selected >= 0) {
        // Enter on a focused link or button keeps its own meaning.
        if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('a,button'))
          return;
        onOpen(selected);
      } else if (event.key === 'e' && selected >= 0 && onDone) onDone(selected);
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return { selected, setSelected };
}
