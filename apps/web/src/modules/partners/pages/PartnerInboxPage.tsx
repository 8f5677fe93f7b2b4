import { Button, Flex, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { REFERRAL_STATUSES, ReferralStatus } from '@linli/contracts';
import type { ReferralStatus as Status } from '../api';
import type { PartnerReferral } from '@linli/contracts/modules/partners';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useListState } from '../../../lib/use-list-state';
import { usePartnerOrganisation, usePartnerReferrals } from '../api';
import { ReferralStatusTag } from '../components/StatusTag';
import { usePartnersWords } from '../words';

const LIST = { url: { status: ReferralStatus } };

/** 转介收件箱: the referrals addressed to the partner member's organisation, newest first. */
export default function PartnerInboxPage() {
  const w = usePartnersWords();
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useListState(LIST);
  const organisation = usePartnerOrganisation();
  const referrals = usePartnerReferrals({ status: list.filters.status, page: list.page, pageSize: list.pageSize });
  const open = (r: PartnerReferral) => navigate(`/partner/referrals/${r.id}`);

  const columns: DataColumn<PartnerReferral>[] = [
    { key: 'service', title: w.service, card: 'title', render: (r) => r.service },
    { key: 'status', title: w.status, card: 'extra', render: (r) => <ReferralStatusTag status={r.status} /> },
    { key: 'client', title: w.client, render: (r) => r.client.name },
    { key: 'community', title: w.community, render: (r) => r.communityName },
    { key: 'sentAt', title: w.sentAt, render: (r) => formatDateTime(r.sentAt) },
    {
      key: 'open',
      title: '',
      card: 'actions',
      render: (r) => (
        <Button size="small" onClick={() => open(r)} data-testid={`partner-referral-open-${r.id}`}>
          {w.open}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={w.inbox} />
      {organisation.data ? (
        <Typography.Paragraph type="secondary" data-testid="partner-organisation-name">
          {organisation.data.name}
        </Typography.Paragraph>
      ) : null}
      <Flex vertical gap={16}>
        <Select
          allowClear
          value={list.filters.status}
          onChange={(status?: Status) => list.setFilters({ status })}
          placeholder={w.anyStatus}
          aria-label={w.status}
          data-testid="partner-referral-status-filter"
          style={{ maxWidth: 240 }}
          options={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`care.referral.status.${s}`) }))}
        />
        <DataTable<PartnerReferral>
          testId="partner-referrals"
          rowKey={(r) => r.id}
          columns={columns}
          items={referrals.data?.items}
          query={referrals}
          empty={w.none}
          onRowOpen={open}
          paging={{
            page: list.page,
            pageSize: list.pageSize,
            total: referrals.data?.total,
            onChange: list.setPage,
          }}
        />
      </Flex>
    </>
  );
}
