import type { Person, Thread } from '@tidings/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { errorMessage, isNotFound } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { isTyping } from '../../app/shortcuts';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { ButtonLink } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { InboxIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useAddressBook } from '../compose/addressBook';
import { useMarkRead, useThread } from './api';
import { PostView } from './PostView';
import { type QuoteDraft, ReplyBox } from './ReplyBox';
import styles from './Thread.module.css';
import { ThreadHeader } from './ThreadHeader';

/** Everyone taking part except me: the creator, people addressed, and anyone who posted. */
function participantsOf(thread: Thread, meId: string): Person[] {
  const all = new Map<string, Person>();
  for (const p of [thread.createdBy, ...thread.recipients.people, ...thread.posts.map((post) => post.author)])
    if (p.id !== meId) all.set(p.id, p);
  return [...all.values()];
}

/** The text selected inside one post's body, tracked so that post can offer "Quote". */
function useSelectionInPost() {
  const [selection, setSelection] = useState<{ postId: string; text: string } | null>(null);
  useEffect(() => {
    const onChange = () => {
      const sel = document.getSelection();
      if (!sel || sel.isCollapsed) return setSelection(null);
      const host = (node: Node | null) =>
        (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>('[data-post-body]');
      const a = host(sel.anchorNode);
      const b = host(sel.focusNode);
      const text = sel.toString().trim().slice(0, 2000);
      setSelection(a && a === b && text ? { postId: a.dataset.postBody ?? '', text } : null);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);
  return selection;
}

export function ThreadPage() {
  const { id = '' } = useParams();
  const { user } = useCurrentSession();
  const location = useLocation();
  const thread = useThread(id);
  const markRead = useMarkRead(id);
  const book = useAddressBook();
  const selection = useSelectionInPost();
  const [quote, setQuote] = useState<QuoteDraft | null>(null);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  useDocumentTitle(thread.data?.subject ?? 'Thread');

  // Opening the thread, and every new post arriving while it is open, counts as seen.
  const seenKey = thread.data
    ? `${thread.data.id}:${thread.data.posts.length}:${thread.data.lastPostAt}`
    : null;
  const lastSeen = useRef<string | null>(null);
  useEffect(() => {
    if (!seenKey || lastSeen.current === seenKey) return;
    lastSeen.current = seenKey;
    markRead.mutate();
  }, [seenKey, markRead.mutate]);

  // #post-<id> (from search or a quote link): scroll to it and highlight it once.
  const loaded = Boolean(thread.data);
  useEffect(() => {
    if (!loaded || !location.hash.startsWith('#post-')) return;
    const el = document.getElementById(location.hash.slice(1));
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    setHighlighted(location.hash.slice('#post-'.length));
  }, [loaded, location.hash]);

  // r: reply.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'r' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      replyRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const participants = useMemo(
    () => (thread.data ? participantsOf(thread.data, user.id) : []),
    [thread.data, user.id],
  );

  if (thread.isPending)
    return (
      <div className={styles.loading}>
        <Spinner label="Loading the thread" />
      </div>
    );
  if (thread.isError)
    return isNotFound(thread.error) ? (
      <EmptyState
        icon={<InboxIcon />}
        title="This thread is not here"
        action={<ButtonLink to="/">Back to the inbox</ButtonLink>}
      >
        It may have been removed, or it was not shared with you.
      </EmptyState>
    ) : (
      <Alert tone="error">{errorMessage(thread.error)}</Alert>
    );

  const data = thread.data;
  const focusReply = () => replyRef.current?.focus();
  return (
    <div className={styles.page}>
      {user.role !== 'external' && (
        <nav className={styles.back}>
          <Link to="/">← Inbox</Link>
        </nav>
      )}
      <ThreadHeader thread={data} onReply={focusReply} />
      <section className={styles.posts} aria-label="Messages">
        {data.posts.map((post) => (
          <PostView
            key={post.id}
            post={post}
            meId={user.id}
            timeZone={user.timeZone}
            highlighted={highlighted === post.id}
            selection={selection?.postId === post.id ? selection.text : null}
            onQuote={(text) => {
              setQuote({ postId: post.id, authorName: post.author.name, text });
              document.getSelection()?.removeAllRanges();
              focusReply();
            }}
          />
        ))}
      </section>
      <ReplyBox
        threadId={data.id}
        people={book.people}
        participants={participants}
        quote={quote}
        onClearQuote={() => setQuote(null)}
        textareaRef={replyRef}
      />
    </div>
  );
}
