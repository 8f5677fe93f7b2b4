import { App, Button, Card, Tag } from 'antd';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { SessionSummary } from '../../../lib/types';
import { useEndOtherSessions, useMySessions } from '../api';

/** The user's active sessions, with "end other sessions". */
export function SessionsCard() {
  const { t, errorMessage } = useI18n();
  const { modal, message } = App.useApp();
  const sessions = useMySessions();
  const endOthers = useEndOtherSessions({ success: 'profile.endOthersDone' });
  const hasOthers = (sessions.data?.items ?? []).some((s) => !s.current);

  const handleEndOthers = () => {
    void modal.confirm({
      title: t('profile.endOthersConfirm'),
      okText: t('app.ok'),
      cancelText: t('app.cancel'),
      onOk: () => endOthers.mutateAsync().catch((error: unknown) => void message.error(errorMessage(error))),
    });
  };

  const columns: DataColumn<SessionSummary>[] = [
    {
      key: 'createdAt',
      title: t('profile.sessionCreated'),
      card: 'title',
      render: (s) => (
        <>
          {formatDateTime(s.createdAt)} {s.current ? <Tag color="green">{t('profile.sessionCurrent')}</Tag> : null}
        </>
      ),
    },
    { key: 'lastSeenAt', title: t('profile.sessionLastSeen'), render: (s) => formatDateTime(s.lastSeenAt) },
    { key: 'ip', title: t('profile.sessionIp'), render: (s) => s.ip ?? '—' },
    { key: 'userAgent', title: t('profile.sessionAgent'), ellipsis: true, render: (s) => s.userAgent ?? '—' },
  ];

  return (
    <Card
      title={t('profile.sessions')}
      extra={
        <Button
          danger
          disabled={!hasOthers || endOthers.isPending}
          loading={endOthers.isPending}
          onClick={handleEndOthers}
          data-testid="end-other-sessions"
        >
          {t('profile.endOthers')}
        </Button>
      }
    >
      <DataTable<SessionSummary>
        testId="sessions-table"
        rowKey={(s) => s.id}
        columns={columns}
        items={sessions.data?.items}
        query={sessions}
        empty={t('app.empty')}
        compact
        scrollX={640}
      />
    </Card>
  );
}
