import type { SearchHit } from '@tidings/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { formatDayTime, formatListTime } from '../../lib/due';
import { useDocumentTitle } from '../../lib/navigation';
import { useListNavigation } from '../../lib/useListNavigation';
import { Alert } from '../../ui/Alert';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { SearchIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import prose from '../../ui/Prose.module.css';
import { useAddressBook } from '../compose/addressBook';
import { formatClock } from '../media/api';
import { type SearchFilters, useSearch } from './api';
import styles from './Search.module.css';

/** A hit inside a transcript carries the moment the words were said. */
const momentOf = (hit: SearchHit): number | null => hit.startMs ?? null;

/** The post, and for a transcript hit the moment in its media (`?t=` seconds, read by the thread). */
function hitUrl(hit: SearchHit): string {
  const at = momentOf(hit);
  const t = at === null ? '' : `?t=${Math.floor(at / 1000)}`;
  return `/threads/${encodeURIComponent(hit.threadId)}${t}#post-${encodeURIComponent(hit.postId)}`;
}

/** yyyy-mm-dd (a date input) → the start or end of that day in the browser's zone. */
function dayBound(value: string | null, end: boolean): number | undefined {
  if (!value) return undefined;
  const ms = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

export function SearchPage() {
  useDocumentTitle('Search');
  const { user } = useCurrentSession();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(params.get('q') ?? '');
  const book = useAddressBook();

  // Focus the box on arrival, and again whenever "/" is pressed while already here (new location key).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the location key is the trigger
  useEffect(() => {
    if (!location.search.includes('focus=0')) inputRef.current?.focus();
  }, [location.key]);

  const update = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  // Typing updates the address (and so the results) after a short pause.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives this
  useEffect(() => {
    const handle = setTimeout(() => {
      if ((params.get('q') ?? '') !== query.trim()) update('q', query.trim() || null);
    }, 250);
    return () => clearTimeout(handle);
  }, [query]);

  const has = params.get('has');
  const filters: SearchFilters = {
    q: params.get('q') ?? '',
    spaceId: params.get('spaceId') ?? undefined,
    authorId: params.get('authorId') ?? undefined,
    has: has === 'video' || has === 'voice' ? has : undefined,
    needsReply: params.get('needsReply') === 'true' || undefined,
    from: dayBound(params.get('from'), false),
    to: dayBound(params.get('to'), true),
  };
  const results = useSearch(filters);
  const hits = results.data?.hits ?? [];
  const hitLinks = useRef<Array<HTMLAnchorElement | null>>([]);
  const { selected, setSelected } = useListNavigation({
    count: filters.q ? hits.length : 0,
    onOpen: (index) => hitLinks.current[index]?.click(),
  });

  return (
    <>
      <PageHeader title="Search" />
      <search className={styles.search}>
        <form className={styles.form} onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="search-query" className="visually-hidden">
            Search
          </label>
          <SearchIcon className={styles.icon} />
          <input
            ref={inputRef}
            id="search-query"
            className={styles.input}
            type="search"
            placeholder="Search threads, messages and transcripts"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') update('q', query.trim() || null);
            }}
          />
        </form>
        <fieldset className={styles.filters}>
          <legend className="visually-hidden">Filters</legend>
          <label className={styles.filter}>
            <span>Space</span>
            <select value={params.get('spaceId') ?? ''} onChange={(e) => update('spaceId', e.target.value)}>
              <option value="">Any space</option>
              {book.spaces.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.filter}>
            <span>Author</span>
            <select value={params.get('authorId') ?? ''} onChange={(e) => update('authorId', e.target.value)}>
              <option value="">Anyone</option>
              {book.everyone.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.filter}>
            <span>Has</span>
            <select value={has ?? ''} onChange={(e) => update('has', e.target.value)}>
              <option value="">Anything</option>
              <option value="video">Video</option>
              <option value="voice">Voice note</option>
            </select>
          </label>
          <label className={styles.filter}>
            <span>From</span>
            <input
              type="date"
              value={params.get('from') ?? ''}
              onChange={(e) => update('from', e.target.value)}
            />
          </label>
          <label className={styles.filter}>
            <span>To</span>
            <input
              type="date"
              value={params.get('to') ?? ''}
              onChange={(e) => update('to', e.target.value)}
            />
          </label>
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={params.get('needsReply') === 'true'}
              onChange={(e) => update('needsReply', e.target.checked ? 'true' : null)}
            />
            <span>Needs my reply</span>
          </label>
        </fieldset>
      </search>

      {!filters.q ? (
        <EmptyState icon={<SearchIcon />} title="Search your workspace">
          Find threads and messages by any word in their subject or text. Only what was shared with you is
          searched.
        </EmptyState>
      ) : results.isError ? (
        <Alert tone="error">{errorMessage(results.error)}</Alert>
      ) : results.isPending ? null : hits.length === 0 ? (
        <EmptyState icon={<SearchIcon />} title={`Nothing found for “${filters.q}”`}>
          Try fewer or different words, or clear the filters.
        </EmptyState>
      ) : (
        <ul className={styles.results} aria-label="Search results">
          {hits.map((hit, index) => (
            <li
              key={`${hit.postId}:${hit.startMs ?? ''}`}
              data-row-index={index}
              className={cx(styles.hit, index === selected && styles.selected)}
            >
              <Link
                ref={(el) => {
                  hitLinks.current[index] = el;
                }}
                to={hitUrl(hit)}
                className={styles.hitLink}
                onFocus={() => setSelected(index)}
              >
                {hit.subject}
              </Link>
              <div className={styles.hitMeta}>
                <Avatar name={hit.author.name} url={hit.author.avatarUrl} size="sm" />
                <span>{hit.author.name}</span>
                <time
                  dateTime={new Date(hit.createdAt).toISOString()}
                  title={formatDayTime(hit.createdAt, user.timeZone)}
                >
                  {formatListTime(hit.createdAt, user.timeZone)}
                </time>
              </div>
              <p
                className={cx(prose.prose, styles.snippet)}
                // snippetHtml is escaped on the server; only <mark> is markup.
                // biome-ignore lint/security/noDangerouslySetInnerHtml: server-escaped snippet
                dangerouslySetInnerHTML={{ __html: hit.snippetHtml }}
              />
              {momentOf(hit) !== null && (
                <p className={styles.moment}>
                  <span aria-hidden="true">🎙</span> at {formatClock(momentOf(hit) ?? 0)}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
