import { PageHeader } from '../../../components/PageHeader';
import { NotificationSettings } from '../components/NotificationSettings';
import { useNotificationsWords } from '../words';

/** /notifications/settings: channels per event. */
export default function NotificationSettingsPage() {
  const w = useNotificationsWords();
  return (
    <>
      <PageHeader title={w.settings} />
      <NotificationSettings />
    </>
  );
}
