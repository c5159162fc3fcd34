import type { Transcript, TranscriptWord } from '@tidings/contracts';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { cx } from '../../lib/cx';
import { Button } from '../../ui/Button';
import { useCorrectTranscript, useRetryTranscript } from './api';
import { wordAt } from './playback';
import styles from './Transcripts.module.css';

interface PanelProps {
  mediaId: string;
  transcript: Transcript;
  el: HTMLMediaElement | null;
  clockMs: number;
  /** The media's author: may correct words and retry a failed transcript. */
  isOwner: boolean;
}

/** Status, or the words: the one being spoken highlighted, any word a seek target. */
export function TranscriptPanel({ mediaId, transcript, el, clockMs, isOwner }: PanelProps) {
  const { status } = transcript;
  if (status === 'done' && transcript.words.length > 0)
    return <Words mediaId={mediaId} transcript={transcript} el={el} clockMs={clockMs} isOwner={isOwner} />;
  return (
    <section className={styles.panel} aria-label="Transcript">
      <StatusLine mediaId={mediaId} transcript={transcript} isOwner={isOwner} />
    </section>
  );
}

function StatusLine({
  mediaId,
  transcript,
  isOwner,
}: {
  mediaId: string;
  transcript: Transcript;
  isOwner: boolean;
}) {
  const retry = useRetryTranscript(mediaId);
  switch (transcript.status) {
    case 'off':
      return (
        <p className={styles.status}>
          {transcript.message ?? 'Transcripts are turned off in this workspace.'}
        </p>
      );
    case 'pending':
    case 'running': {
      const progress = transcript.progress ?? 0;
      return (
        <p className={styles.status} role="status">
          <span>{transcript.status === 'pending' ? 'Waiting to transcribe…' : 'Transcribing…'}</span>
          <progress max={100} value={progress} aria-label="Transcription progress" />
          <span>{Math.round(progress)}%</span>
        </p>
      );
    }
    case 'failed':
      return (
        <div className={styles.status}>
          <p>Could not transcribe this recording{transcript.message ? `: ${transcript.message}` : '.'}</p>
          {isOwner && (
            <Button size="sm" busy={retry.isPending} onClick={() => retry.mutate()}>
              Retry
            </Button>
          )}
          {retry.isError && <p role="alert">{errorMessage(retry.error)}</p>}
        </div>
      );
    default:
      return <p className={styles.status}>No speech was found.</p>;
  }
}

function Words({ mediaId, transcript, el, clockMs, isOwner }: PanelProps) {
  const [expanded, setExpanded] = useState(false);
  const [editing, setEditing] = useState(false);
  const [editIndex, setEditIndex] = useState<number | null>(null);
  const correct = useCorrectTranscript(mediaId);
  const box = useRef<HTMLDivElement>(null);
  const current = wordAt(transcript.words, clockMs);
  const currentWord = transcript.words[current];
  // Only highlight while inside the word (or the pause right after it), not forever after.
  const active = currentWord && clockMs <= currentWord.endMs + 700 ? current : -1;

  // "Read transcript" only when the collapsed box actually hides some words.
  const [overflows, setOverflows] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when the words change
  useLayoutEffect(() => {
    const container = box.current;
    if (container && !expanded) setOverflows(container.scrollHeight > container.clientHeight + 2);
  }, [transcript.words, expanded]);

  // Keep the spoken word in view inside the panel (not by scrolling the page).
  useEffect(() => {
    const container = box.current;
    const node = container?.querySelector<HTMLElement>(`[data-word="${active}"]`);
    if (!container || !node) return;
    const top = node.offsetTop - container.offsetTop;
    if (top < container.scrollTop || top + node.offsetHeight > container.scrollTop + container.clientHeight)
      container.scrollTop = Math.max(0, top - node.offsetHeight);
  }, [active]);

  const seek = (word: TranscriptWord) => {
    if (!el) return;
    el.currentTime = word.startMs / 1000;
    void el.play().catch(() => undefined);
  };

  return (
    <section className={styles.panel} aria-label="Transcript">
      <div className={styles.panelHead}>
        <h4 className={styles.panelTitle}>Transcript</h4>
        {isOwner && (
          <Button
            size="sm"
            variant="ghost"
            aria-pressed={editing}
            onClick={() => {
              setEditing(!editing);
              setEditIndex(null);
            }}
          >
            {editing ? 'Done editing' : 'Edit'}
          </Button>
        )}
      </div>
      {editing && <p className={styles.hint}>Click a word to correct it; Enter saves.</p>}
      <div ref={box} className={cx(styles.words, !expanded && styles.clamped)}>
        {transcript.words.map((word) =>
          editIndex === word.index ? (
            <WordEditor
              key={word.index}
              word={word}
              busy={correct.isPending}
              onSave={(text) => {
                if (text === word.text || !text) return setEditIndex(null);
                correct.mutate([{ index: word.index, text }], { onSuccess: () => setEditIndex(null) });
              }}
              onCancel={() => setEditIndex(null)}
            />
          ) : (
            <button
              key={word.index}
              type="button"
              data-word={word.index}
              data-start-ms={word.startMs}
              className={cx(
                styles.word,
                word.index === active && styles.current,
                word.confidence < 0.5 && styles.unsure,
                word.edited && styles.edited,
              )}
              aria-current={word.index === active ? 'true' : undefined}
              title={word.confidence < 0.5 ? 'not sure' : word.edited ? 'corrected by the author' : undefined}
              onClick={() => (editing ? setEditIndex(word.index) : seek(word))}
            >
              {word.text}
            </button>
          ),
        )}
      </div>
      {correct.isError && <p role="alert">{errorMessage(correct.error)}</p>}
      {(overflows || expanded) && (
        <button type="button" className={styles.more} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Read transcript'}
        </button>
      )}
    </section>
  );
}

function WordEditor({
  word,
  busy,
  onSave,
  onCancel,
}: {
  word: TranscriptWord;
  busy: boolean;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(word.text);
  return (
    <input
      className={styles.wordInput}
      aria-label={`Correct “${word.text}”`}
      value={text}
      disabled={busy}
      size={Math.max(3, text.length + 1)}
      // biome-ignore lint/a11y/noAutofocus: the person just chose this word to edit
      autoFocus
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onSave(text.trim());
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      onBlur={onCancel}
    />
  );
}
