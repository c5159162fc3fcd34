import { useEffect, useRef, useState } from 'react';
import { DownloadIcon, MoreIcon, PictureInPictureIcon } from '../../ui/icons';
import styles from './Player.module.css';

const pipSupported = () => typeof document !== 'undefined' && document.pictureInPictureEnabled === true;

/** Picture-in-picture for a video, where the browser allows it; `inPip` follows the browser's own exits. */
export function usePictureInPicture(video: HTMLVideoElement | null) {
  const [inPip, setInPip] = useState(false);
  useEffect(() => {
    if (!video) return;
    const on = () => setInPip(true);
    const off = () => setInPip(false);
    video.addEventListener('enterpictureinpicture', on);
    video.addEventListener('leavepictureinpicture', off);
    return () => {
      video.removeEventListener('enterpictureinpicture', on);
      video.removeEventListener('leavepictureinpicture', off);
    };
  }, [video]);
  const toggle = () => {
    if (!video) return;
    if (document.pictureInPictureElement) void document.exitPictureInPicture().catch(() => undefined);
    else void video.requestPictureInPicture().catch(() => undefined);
  };
  return { supported: Boolean(video) && pipSupported(), inPip, toggle };
}

interface MenuProps {
  /** The file to download and its name; null where the viewer may not download. */
  download: { href: string; fileName: string } | null;
  /** Offered here on narrow screens, where its own button is hidden. */
  pip: { inPip: boolean; toggle: () => void } | null;
}

/** "More": download, and on narrow screens the controls that do not fit in the bar. */
export function PlayerMenu({ download, pip }: MenuProps) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);
  if (!download && !pip) return null;

  const close = () => {
    setOpen(false);
    box.current?.querySelector('button')?.focus();
  };

  return (
    // Only picture-in-picture inside: nothing to show on wide screens, where it has its own button.
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from its button or its items.
    <div
      ref={box}
      className={download ? styles.more : `${styles.more} ${styles.narrowOnly}`}
      onKeyDown={(e) => {
        if (!open) return;
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          // Up and down walk the items (and stay out of the player's seeking).
          e.preventDefault();
          e.stopPropagation();
          const items = visibleItems(box.current);
          const i = items.indexOf(document.activeElement as HTMLElement);
          const next = e.key === 'ArrowDown' ? i + 1 : i - 1;
          items[(next + items.length) % items.length]?.focus();
        }
      }}
    >
      <button
        type="button"
        className={styles.control}
        aria-label="More"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <MoreIcon />
      </button>
      {open && (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard reaches the items themselves; this only closes after a choice.
        <div ref={focusFirstItem} role="menu" className={styles.menu} onClick={() => setOpen(false)}>
          {download && (
            <a role="menuitem" className={styles.menuItem} href={download.href} download={download.fileName}>
              <DownloadIcon /> Download
            </a>
          )}
          {pip && (
            <button
              type="button"
              role="menuitemcheckbox"
              aria-checked={pip.inPip}
              className={`${styles.menuItem} ${styles.narrowOnly}`}
              onClick={pip.toggle}
            >
              <PictureInPictureIcon /> Picture in picture
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** An opened menu takes the focus on its first visible item, as menus do. */
function focusFirstItem(menu: HTMLDivElement | null) {
  visibleItems(menu)[0]?.focus();
}

function visibleItems(root: HTMLElement | null): HTMLElement[] {
  const items = root ? Array.from(root.querySelectorAll<HTMLElement>('[role^="menuitem"]')) : [];
  return items.filter((item) => item.offsetParent !== null);
}
