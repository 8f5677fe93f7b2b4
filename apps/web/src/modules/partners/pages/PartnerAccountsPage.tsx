import { useState } from 'react';
import { Button, Flex, Popconfirm, Tag } from 'antd';
import { Id } from '@linli/contracts';
import type { PartnerAccount } from '@linli/contracts/modules/partners';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useListState } from '../../../lib/use-list-state';
import { usePartnerAccounts, useSetPartnerAccountStatus } from '../api';
import { CreateAccountModal, ResetPasswordModal } from '../components/AccountModals';
import { OrganisationSelect } from '../components/OrganisationSelect';
import { usePartnersWords } from '../words';

const LIST = { url: { organisationId: Id } };

function AccountActions({ account, onReset }: { account: PartnerAccount; onReset: () => void }) {
  const w = usePartnersWords();
  const setStatus = useSetPartnerAccountStatus({ success: 'app.done' });
  const can = (a: PartnerAccount['allowedActions'][number]) => account.allowedActions.includes(a);
  return (
    <Flex wrap gap={4}>
      {can('disable') ? (
        <Popconfirm
          title={w.confirmDisable}
          onConfirm={() => setStatus.mutateAsync({ id: account.id, enabled: false })}
        >
          <Button size="small" danger data-testid={`partner-account-disable-${account.id}`}>
            {w.disable}
          </Button>
        </Popconfirm>
      ) : null}
      {can('enable') ? (
        <Button
          size="small"
          onClick={() => void setStatus.mutateAsync({ id: account.id, enabled: true })}
          data-testid={`partner-account-enable-${account.id}`}
        >
          {w.enable}
        </Button>
      ) : null}
      {can('reset_password') ? (
        <Button size="small" onClick={onReset} data-testid={`partner-account-reset-${account.id}`}>
          {w.reset}
        </Button>
      ) : null}
    </Flex>
  );
}

/** 合作单位账号: the member accounts of the partner organisations held in the jurisdiction, by organisation. */
export default function PartnerAccountsPage() {
  const w = usePartnersWords();
  const list = useListState(LIST);
  const organisationId = list.filters.organisationId;
  const accounts = usePartnerAccounts({ organisationId, page: list.page, pageSize: list.pageSize });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<PartnerAccount | null>(null);

  const columns: DataColumn<PartnerAccount>[] = [
    { key: 'name', title: w.displayName, card: 'title', render: (a) => a.displayName },
    {
      key: 'status',
      title: w.accountStatus,
      card: 'extra',
      render: (a) => (
        <Flex wrap gap={4}>
          <Tag color={a.status === 'active' ? 'green' : 'default'}>{a.status === 'active' ? w.active : w.disabled}</Tag>
          {a.mustChangePassword ? <Tag color="orange">{w.mustChange}</Tag> : null}
        </Flex>
      ),
    },
    { key: 'username', title: w.username, render: (a) => a.username },
    { key: 'organisation', title: w.organisation, render: (a) => a.organisationName },
    { key: 'phone', title: w.phone, render: (a) => a.phoneMasked ?? '—' },
    { key: 'lastLogin', title: w.lastLogin, render: (a) => formatDateTime(a.lastLoginAt) || '—' },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (a) => <AccountActions account={a} onReset={() => setResetting(a)} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={w.accounts}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} data-testid="partner-account-create">
            {w.create}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <div style={{ maxWidth: 420 }}>
          <OrganisationSelect
            value={organisationId}
            onChange={(id) => list.setFilters({ organisationId: id })}
            testId="partner-accounts-organisation"
          />
        </div>
        <DataTable<PartnerAccount>
          testId="partner-accounts"
          rowKey={(a) => a.id}
          columns={columns}
          items={accounts.data?.items}
          query={accounts}
          empty={w.noAccounts}
          paging={{ page: list.page, pageSize: list.pageSize, total: accounts.data?.total, onChange: list.setPage }}
        />
      </Flex>
      {creating ? (
        <CreateAccountModal {...(organisationId ? { organisationId } : {})} onClose={() => setCreating(false)} />
      ) : null}
      {resetting ? <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} /> : null}
    </>
  );
}
