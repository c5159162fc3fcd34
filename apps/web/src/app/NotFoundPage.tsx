import { useLocation } from 'react-router';
import { useDocumentTitle } from '../lib/navigation';
import { ButtonLink } from '../ui/Button';
import { CenteredLayout } from '../ui/CenteredLayout';
import form from '../ui/Form.module.css';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  const { pathname } = useLocation();
  return (
    <CenteredLayout title="Page not found">
      <div className={form.form}>
        <p>
          There is nothing at <code>{pathname}</code>. The link may be mistyped, or the page may have moved.
        </p>
        <div className={form.actions}>
          <ButtonLink to="/" variant="primary">
            Go to your inbox
          </ButtonLink>
        </div>
      </div>
    </CenteredLayout>
  );
}
