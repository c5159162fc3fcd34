import { useEffect, useState } from 'react';
import { Button } from './Button';
import { CheckIcon, CopyIcon } from './icons';

/** Copy text to the clipboard; falls back to a hidden textarea where the Clipboard API is missing (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

interface CopyButtonProps {
  text: string;
  label?: string;
  variant?: 'primary' | 'secondary';
  size?: 'sm' | 'md';
}

/** Copies on demand and says how it went for two seconds ('copied' / 'failed'), then 'idle' again. */
export function useCopy(): { state: 'idle' | 'copied' | 'failed'; copy: (text: string) => Promise<void> } {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return { state, copy: async (text) => setState((await copyText(text)) ? 'copied' : 'failed') };
}

export function CopyButton({ text, label = 'Copy', variant = 'secondary', size = 'md' }: CopyButtonProps) {
  const { state, copy } = useCopy();

  return (
    <>
      <Button
        variant={variant}
        size={size}
        icon={state === 'copied' ? <CheckIcon /> : <CopyIcon />}
        onClick={() => void copy(text)}
      >
        {label}
      </Button>
      <span className="visually-hidden" role="status">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'failed'
            ? 'Could not copy; select the text and copy it'
            : ''}
      </span>
    </>
  );
}
