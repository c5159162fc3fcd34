import { useDocumentTitle } from '../../lib/navigation';
import { EmptyState } from '../../ui/EmptyState';
import { SpacesIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';

export function SpacesPage() {
  useDocumentTitle('Spaces');
  return (
    <>
      <PageHeader title="Spaces" description="Groups of people and threads: a team, a project, a customer." />
      <EmptyState icon={<SpacesIcon />} title="No spaces yet">
        Spaces you follow will be listed here. Creating spaces is not available in this version of Tidings
        yet.
      </EmptyState>
    </>
  );
}
