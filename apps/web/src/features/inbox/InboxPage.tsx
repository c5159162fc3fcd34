import { useDocumentTitle } from '../../lib/navigation';
import { EmptyState } from '../../ui/EmptyState';
import { InboxIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';

export function InboxPage() {
  useDocumentTitle('Inbox');
  return (
    <>
      <PageHeader title="Inbox" description="Threads that ask something of you, on your own time." />
      <EmptyState icon={<InboxIcon />} title="Nothing needs you">
        New threads and replies addressed to you will show up here.
      </EmptyState>
    </>
  );
}
