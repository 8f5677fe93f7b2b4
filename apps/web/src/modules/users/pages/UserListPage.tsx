import { useState } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { UserListQuery } from '@linli/contracts';
import { Can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { RoleTags } from '../../../components/RoleTags';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { UserSummary } from '../../../lib/types';
import { useListState } from '../../../lib/use-list-state';
import { useUsers } from '../api';
import { UserDrawer } from '../components/UserDrawer';
import { UserFilterBar } from '../components/UserFilterBar';
import { UserFormModal } from '../components/UserFormModal';
import { UserStatusTag } from '../components/UserStatusTag';
import { useAreaOptions } from '../useAreaOptions';

/** Area, role and status go in the URL; the name search only in the history entry. */
const LIST = {
  url: { areaCode: UserListQuery.shape.areaCode, role: UserListQuery.shape.role, status: UserListQuery.shape.status },
  history: ['q'] as const,
};

export default function UserListPage() {
  const { t } = useI18n();
  const list = useListState(LIST);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const users = useUsers(list.filters, list.page, list.pageSize);
  const areas = useAreaOptions();

  const columns: DataColumn<UserSummary>[] = [
    {
      key: 'user',
      title: t('users.displayName'),
      width: 180,
      card: 'title',
      render: (u) => (
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
    { key: 'roles', title: t('users.roles'), width: 220, render: (u) => <RoleTags roles={u.roles} /> },
    {
      key: 'areas',
      title: t('users.areas'),
      width: 200,
      render: (u) => u.areaCodes.map(areas.nameOf).join('、') || '—',
    },
    {
      key: 'status',
      title: t('users.status'),
      width: 90,
      card: 'extra',
      render: (u) => <UserStatusTag status={u.status} />,
    },
    { key: 'totp', title: t('users.totp'), width: 90, render: (u) => (u.totpEnabled ? t('app.yes') : t('app.no')) },
    {
      key: 'lastLogin',
      title: t('users.lastLogin'),
      width: 170,
      render: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never')),
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
          <UserFilterBar value={list.filters} onChange={list.setFilters} />
        </Card>
        <DataTable<UserSummary>
          testId="users-table"
          rowKey={(u) => u.id}
          columns={columns}
          items={users.data?.items}
          query={users}
          empty={t('users.noUsers')}
          scrollX={950}
          onRowOpen={(u) => setSelected(u.id)}
          paging={{
            page: list.page,
            pageSize: list.pageSize,
            total: users.data?.total ?? 0,
            onChange: list.setPage,
            sizeChanger: true,
          }}
        />
      </Flex>
      <UserDrawer userId={selected} onClose={() => setSelected(null)} />
      {creating ? <UserFormModal onClose={() => setCreating(false)} onSaved={(id) => setSelected(id)} /> : null}
    </>
  );
}
