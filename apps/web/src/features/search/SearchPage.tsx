import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useDocumentTitle } from '../../lib/navigation';
import { EmptyState } from '../../ui/EmptyState';
import { SearchIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import styles from './Search.module.css';

export function SearchPage() {
  useDocumentTitle('Search');
  const location = useLocation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');

  // Focus the box on arrival, and again whenever "/" is pressed while already here (new location key).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the location key is the trigger
  useEffect(() => {
    inputRef.current?.focus();
  }, [location.key]);

  return (
    <>
      <PageHeader title="Search" />
      <search>
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
          />
        </form>
      </search>
      <EmptyState
        icon={<SearchIcon />}
        title={query.trim() ? `Nothing found for “${query.trim()}”` : 'Nothing to search yet'}
      >
        Threads, messages and what was said in videos and voice notes become searchable here once your
        workspace has them.
      </EmptyState>
    </>
  );
}
