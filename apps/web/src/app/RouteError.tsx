import { useRouteError } from 'react-router';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { CenteredLayout } from '../ui/CenteredLayout';

/** Last resort when a page throws while rendering: say so, and offer a reload. */
export function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <CenteredLayout title="Something broke on this page">
      <Alert tone="error" action={<Button onClick={() => window.location.reload()}>Reload</Button>}>
        The page hit an unexpected error. Reloading usually helps; if it keeps happening, tell whoever runs
        your Tidings.
      </Alert>
    </CenteredLayout>
  );
}
