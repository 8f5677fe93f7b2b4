import { PageHeader } from '../../../components/PageHeader';
import { OutboxPanel } from '../components/OutboxPanel';
import { useNotificationsWords } from '../words';

/** /notifications/outbox: external deliveries for the administrators (dead letters, retry). */
export default function OutboxPage() {
  const w = useNotificationsWords();
  return (
    <>
      <PageHeader title={w.outbox} />
      <OutboxPanel />
    </>
  );
}
