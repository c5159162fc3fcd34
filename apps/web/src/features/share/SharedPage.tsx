import type { SharedContent, SharedPost } from '@tidings/contracts';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { formatDayTime } from '../../lib/due';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Logo } from '../../ui/Logo';
import prose from '../../ui/Prose.module.css';
import { PageLoading } from '../../ui/Spinner';
import { formatClock } from '../media/api';
import { useShared } from './api';
import { LinkGone, PasswordGate } from './PasswordGate';
import styles from './Share.module.css';
import { ShareCommentForm } from './ShareCommentForm';
import { SharedRecording } from './SharedRecording';

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * `/s/:token`: what a share link opens, for anyone holding it — no account, phone first. It talks
 * only to /api/s/<token>/… (never to member endpoints).
 */
export function SharedPage() {
  const { token = '' } = useParams();
  const shared = useShared(token);
  const open = shared.data?.state === 'open' ? shared.data.content : null;
  useDocumentTitle(open ? open.title : 'Shared with Tidings');

  let body: React.ReactNode;
  if (shared.isPending) body = <PageLoading />;
  else if (shared.isError)
    body = (
      <Alert tone="error" action={<Button onClick={() => shared.refetch()}>Try again</Button>}>
        {errorMessage(shared.error)}
      </Alert>
    );
  else if (shared.data.state === 'gone') body = <LinkGone />;
  else if (shared.data.state === 'locked') body = <PasswordGate token={token} />;
  else body = <SharedView token={token} content={shared.data.content} />;

  return (
    <div className={styles.page}>
      <header className={styles.top}>
        <Logo />
      </header>
      <main className={styles.main}>{body}</main>
    </div>
  );
}

function SharedView({ token, content }: { token: string; content: SharedContent }) {
  const [moment, setMoment] = useState<{ mediaId: string; el: HTMLMediaElement } | null>(null);
  const track = useCallback((mediaId: string, el: HTMLMediaElement | null) => {
    setMoment((current) =>
      el ? (current ?? { mediaId, el }) : current?.mediaId === mediaId ? null : current,
    );
  }, []);
  const media = content.media;
  return (
    <article className={styles.shared} aria-labelledby="shared-title">
      <header className={styles.head}>
        <h1 id="shared-title" className={styles.title}>
          {content.title}
        </h1>
        {media && (
          <p className={styles.byline}>
            {media.authorName} ·{' '}
            <time dateTime={new Date(media.createdAt).toISOString()}>
              {formatDayTime(media.createdAt, zone())}
            </time>
          </p>
        )}
      </header>
      {media && <SharedRecording token={token} media={media} onElement={track} />}
      {content.posts.map((post) => (
        <SharedPostView key={post.id} token={token} post={post} onElement={track} />
      ))}
      {content.allowComments && (
        <ShareCommentForm token={token} knownName={content.viewerName} moment={moment} />
      )}
    </article>
  );
}

function SharedPostView({
  token,
  post,
  onElement,
}: {
  token: string;
  post: SharedPost;
  onElement: (mediaId: string, el: HTMLMediaElement | null) => void;
}) {
  return (
    <section className={styles.post} aria-label={`Message from ${post.authorName}`}>
      <p className={styles.byline}>
        <strong>{post.authorName}</strong> ·{' '}
        <time dateTime={new Date(post.createdAt).toISOString()}>{formatDayTime(post.createdAt, zone())}</time>
        {post.atMs !== null && <span className={styles.moment}> · at {formatClock(post.atMs)}</span>}
      </p>
      <div
        className={prose.prose}
        // Rendered from markdown and sanitized on the server (the same HTML members see).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitized HTML
        dangerouslySetInnerHTML={{ __html: post.html }}
      />
      {post.media.map((m) => (
        <SharedRecording key={m.id} token={token} media={m} onElement={onElement} />
      ))}
    </section>
  );
}
