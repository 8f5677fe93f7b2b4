import { Typography } from 'antd';
import { NotificationInbox } from '../../notifications';
import { useResidentsWords } from '../words';

/** 消息: the account's notification inbox (the notifications module's), links kept inside /m. */
export default function InboxPage() {
  const w = useResidentsWords();
  return (
    <>
      <Typography.Title level={2}>{w.inbox}</Typography.Title>
      <NotificationInbox linkFor={(item) => (item.link?.startsWith('/m/') ? item.link : null)} />
    </>
  );
}
