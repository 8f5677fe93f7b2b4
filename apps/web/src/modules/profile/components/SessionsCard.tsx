import { App, Button, Card, Table, Tag, type TableProps } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { SessionSummary } from '../../../lib/types';
import { useEndOtherSessions, useMySessions } from '../api';

/** The user's active sessions, with "end other sessions". */
export function SessionsCard() {
  const { t, errorMessage } = useI18n();
  const { modal, message } = App.useApp();
  const sessions = useMySessions();
  const endOthers = useEndOtherSessions();
  const hasOthers = (sessions.data?.items ?? []).some((s) => !s.current);

  const handleEndOthers = () => {
    void modal.confirm({
      title: t('profile.endOthersConfirm'),
      okText: t('app.ok'),
      cancelText: t('app.cancel'),
      onOk: () =>
        endOthers
          .mutateAsync()
          .then(() => void message.success(t('profile.endOthersDone')))
          .catch((error: unknown) => void message.error(errorMessage(error))),
    });
  };

  const columns: TableProps<SessionSummary>['columns'] = [
    {
      key: 'createdAt',
      title: t('profile.sessionCreated'),
      render: (_, s) => (
        <>
          {formatDateTime(s.createdAt)} {s.current ? <Tag color="green">{t('profile.sessionCurrent')}</Tag> : null}
        </>
      ),
    },
    { key: 'lastSeenAt', title: t('profile.sessionLastSeen'), render: (_, s) => formatDateTime(s.lastSeenAt) },
    { key: 'ip', title: t('profile.sessionIp'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
    {
      key: 'userAgent',
      title: t('profile.sessionAgent'),
      dataIndex: 'userAgent',
      ellipsis: true,
      render: (ua: string | null) => ua ?? '—',
    },
  ];

  return (
    <Card
      title={t('profile.sessions')}
      extra={
        <Button danger disabled={!hasOthers} loading={endOthers.isPending} onClick={handleEndOthers} data-testid="end-other-sessions">
          {t('profile.endOthers')}
        </Button>
      }
    >
      <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      <Table<SessionSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={sessions.data?.items ?? []}
        loading={sessions.isPending}
        pagination={false}
        scroll={{ x: 640 }}
        data-testid="sessions-table"
      />
    </Card>
  );
}
