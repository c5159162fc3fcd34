import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { formatDate, formatRelative } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { KeyIcon } from '../../ui/icons';
import { Section } from '../../ui/Section';
import { Spinner } from '../../ui/Spinner';
import { useRevokeToken, useTokens } from './api';
import { CreateTokenForm } from './CreateTokenForm';
import styles from './Tokens.module.css';

export function TokensPage() {
  useDocumentTitle('API tokens');
  return (
    <>
      <Section
        title="Create a token"
        description="Personal API tokens let scripts and tools use the Tidings API as you, with your permissions."
      >
        <CreateTokenForm />
      </Section>
      <Section title="Your tokens" flush>
        <TokenList />
      </Section>
    </>
  );
}

function TokenList() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [confirming, setConfirming] = useState<string | null>(null);

  if (tokens.isPending) {
    return (
      <div className={styles.loading}>
        <Spinner label="Loading tokens" />
      </div>
    );
  }
  if (tokens.isError) {
    return (
      <div className={styles.padded}>
        <Alert tone="error" action={<Button onClick={() => tokens.refetch()}>Try again</Button>}>
          {errorMessage(tokens.error)}
        </Alert>
      </div>
    );
  }
  if (tokens.data.tokens.length === 0) {
    return <p className={styles.none}>No tokens yet. Tokens you create appear here until you revoke them.</p>;
  }

  const sorted = [...tokens.data.tokens].sort((a, b) => b.createdAt - a.createdAt);
  return (
    <>
      {revoke.isError && (
        <div className={styles.padded}>
          <Alert tone="error">{errorMessage(revoke.error)}</Alert>
        </div>
      )}
      <ul className={styles.list} aria-label="API tokens">
        {sorted.map((token) => (
          <li key={token.id} className={styles.token}>
            <span className={styles.tokenIcon}>
              <KeyIcon />
            </span>
            <div className={styles.tokenText}>
              <p className={styles.tokenName}>{token.name}</p>
              <p className={styles.tokenMeta}>
                <code>{token.prefix}…</code> · created {formatDate(token.createdAt)} ·{' '}
                {token.lastUsedAt === null ? 'never used' : `last used ${formatRelative(token.lastUsedAt)}`}
              </p>
            </div>
            {confirming === token.id ? (
              <div className={styles.confirm}>
                <Button
                  size="sm"
                  variant="danger"
                  busy={revoke.isPending}
                  onClick={() => revoke.mutate(token.id, { onSettled: () => setConfirming(null) })}
                >
                  Revoke token
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                  Keep
                </Button>
              </div>
            ) : (
              <Button size="sm" onClick={() => setConfirming(token.id)} aria-label={`Revoke ${token.name}`}>
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
