import { type Media, type Person, ReplyRequest } from '@tidings/contracts';
import { type RefObject, useEffect, useState } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useFormErrors } from '../../ui/useFormErrors';
import { AttentionCost } from '../compose/AttentionCost';
import { BodyEditor } from '../compose/BodyEditor';
import {
  ExpectationPicker,
  type ExpectationState,
  noReplyNeeded,
  toExpectationInput,
} from '../compose/ExpectationPicker';
import { AttachRecording } from '../media/AttachRecording';
import { MomentDraftChip } from '../moments/MomentDraftChip';
import { setMomentDraft, useMomentDraft } from '../moments/momentDraft';
import { useReply } from './api';
import styles from './Thread.module.css';

export interface QuoteDraft {
  postId: string;
  authorName: string;
  text: string;
}

interface ReplyBoxProps {
  threadId: string;
  people: Person[];
  participants: Person[];
  quote: QuoteDraft | null;
  onClearQuote: () => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

export function ReplyBox({
  threadId,
  people,
  participants,
  quote,
  onClearQuote,
  textareaRef,
}: ReplyBoxProps) {
  const reply = useReply(threadId);
  const { formRef, errors, field, fail, validate } = useFormErrors();
  const [body, setBody] = useState('');
  const [expectation, setExpectation] = useState<ExpectationState>(noReplyNeeded);
  const [media, setMedia] = useState<Media[]>([]);
  // "Reply" on a comment on the moment: this reply answers it.
  const momentDraft = useMomentDraft(threadId);
  useEffect(() => {
    if (!momentDraft) return;
    textareaRef.current?.scrollIntoView({ block: 'center' });
    textareaRef.current?.focus({ preventScroll: true });
  }, [momentDraft, textareaRef]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const request = validate(ReplyRequest, {
      body,
      mediaIds: media.map((m) => m.id),
      expectation: toExpectationInput(expectation),
      ...(quote ? { quote: { postId: quote.postId, text: quote.text } } : {}),
      ...(momentDraft
        ? {
            moment: { mediaId: momentDraft.mediaId, atMs: momentDraft.atMs },
            replyToId: momentDraft.replyTo?.postId,
          }
        : {}),
    });
    if (!request) return;
    reply.mutate(request, {
      onSuccess: () => {
        setBody('');
        setMedia([]);
        setExpectation(noReplyNeeded);
        onClearQuote();
        setMomentDraft(null);
      },
      onError: fail,
    });
  }

  return (
    <form
      ref={formRef}
      className={styles.reply}
      onSubmit={submit}
      noValidate
      aria-label="Reply to this thread"
    >
      {momentDraft && <MomentDraftChip draft={momentDraft} />}
      {quote && (
        <div className={styles.quoteDraft}>
          <blockquote className={styles.quote}>
            <span className={styles.quoteSource}>{quote.authorName} wrote:</span>
            <p>{quote.text}</p>
          </blockquote>
          <Button size="sm" variant="ghost" onClick={onClearQuote}>
            Remove quote
          </Button>
        </div>
      )}
      <BodyEditor
        label="Reply"
        value={body}
        onChange={setBody}
        people={people}
        error={field('body')}
        textareaRef={textareaRef}
        rows={4}
        placeholder="Write a reply…"
      />
      <AttachRecording value={media} onChange={setMedia} />
      <AttentionCost media={media} people={participants.length} />
      <ExpectationPicker
        value={expectation}
        onChange={setExpectation}
        candidates={participants}
        field={field}
      />
      {errors.message && <Alert tone="error">{errors.message}</Alert>}
      <div className={styles.replyActions}>
        <Button type="submit" variant="primary" busy={reply.isPending}>
          Send reply
        </Button>
      </div>
    </form>
  );
}
