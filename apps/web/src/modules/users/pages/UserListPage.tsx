import { useState } from 'react';
import { useServerPaging } from '../../../lib/use-server-paging';
import { Button, Card, Empty, Flex, Table, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { RoleTags } from '../../../components/RoleTags';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { UserSummary } from '../../../lib/types';
import { useUsers, type UserFilters } from '../api';
import { UserDrawer } from '../components/UserDrawer';
import { UserFilterBar } from '../components/UserFilterBar';
import { UserFormModal } from '../components/UserFormModal';
import { UserStatusTag } from '../components/UserStatusTag';
import { useAreaOptions } from '../useAreaOptions';

export default function UserListPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<UserFilters>({});
  const { page, pageSize, setPage, pagination } = useServerPaging();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const users = useUsers(filters, page, pageSize);
  const areas = useAreaOptions();

  const columns: TableProps<UserSummary>['columns'] = [
    {
      key: 'user',
      title: t('users.displayName'),
      width: 180,
      render: (_, u) => (
        <>
          <Typography.Link onClick={() => setSelected(u.id)} data-testid={`user-open-${u.username}`}>
            {u.displayName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </>
      ),
    },
    { key: 'roles', title: t('users.roles'), width: 220, render: (_, u) => <RoleTags roles={u.roles} /> },
    { key: 'areas', title: t('users.areas'), width: 200, render: (_, u) => u.areaCodes.map(areas.nameOf).join('、') || '—' },
    { key: 'status', title: t('users.status'), width: 90, render: (_, u) => <UserStatusTag status={u.status} /> },
    { key: 'totp', title: t('users.totp'), width: 90, render: (_, u) => (u.totpEnabled ? t('app.yes') : t('app.no')) },
    {
      key: 'lastLogin',
      title: t('users.lastLogin'),
      width: 170,
      render: (_, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never')),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Can permission="user.manage">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
              {t('users.create')}
            </Button>
          </Can>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <UserFilterBar
            onChange={(next) => {
              setFilters(next);
              setPage(1);
            }}
          />
        </Card>
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
        <div className="linli-table-scroll">
          <Table<UserSummary>
            data-testid="users-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isFetching}
            scroll={{ x: 950 }}
            locale={{ emptyText: <Empty description={t('users.noUsers')} /> }}
            onRow={(u) => ({ onDoubleClick: () => setSelected(u.id) })}
            pagination={pagination(users.data?.total ?? 0)}
          />
        </div>
      </Flex>
      <UserDrawer userId={selected} onClose={() => setSelected(null)} />
      {creating ? <UserFormModal onClose={() => setCreating(false)} onSaved={(id) => setSelected(id)} /> : null}
    </>
  );
}
