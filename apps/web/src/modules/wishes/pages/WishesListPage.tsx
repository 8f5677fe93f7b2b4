import { useState } from 'react';
import { Button, Flex, Select } from 'antd';
import { WISH_STATUSES, WishStatus, type WishListItem } from '@linli/contracts/modules/wishes';
import { useNavigate } from 'react-router-dom';
import { Can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useListState } from '../../../lib/use-list-state';
import { useWishes } from '../api';
import { PostOnBehalfModal } from '../components/PostOnBehalfModal';
import { WishStatusTag } from '../components/WishStatusTag';
import { useWishesWords } from '../words';

const LIST = { url: { status: WishStatus } };

/** 微心愿管理 (staff): the wishes of the jurisdiction by status — review, publish, reject, post for a resident. */
export default function WishesListPage() {
  const w = useWishesWords();
  const navigate = useNavigate();
  const list = useListState(LIST);
  const wishes = useWishes({ status: list.filters.status, page: list.page, pageSize: list.pageSize });
  const [posting, setPosting] = useState(false);
  const open = (wish: WishListItem) => navigate(`/wishes/${wish.id}`);

  const columns: DataColumn<WishListItem>[] = [
    { key: 'title', title: w.wishTitle, card: 'title', render: (i) => i.title },
    { key: 'status', title: w.status, card: 'extra', render: (i) => <WishStatusTag status={i.status} /> },
    { key: 'number', title: w.number, render: (i) => i.number },
    { key: 'area', title: w.community, render: (i) => i.areaName },
    { key: 'beneficiary', title: w.beneficiary, render: (i) => i.beneficiaryNameMasked ?? '—' },
    { key: 'value', title: w.value, render: (i) => i.estimatedValue },
    { key: 'createdAt', title: w.createdAt, render: (i) => formatDateTime(i.createdAt) },
    {
      key: 'open',
      title: '',
      card: 'actions',
      render: (i) => (
        <Button size="small" onClick={() => open(i)} data-testid={`wish-open-${i.id}`}>
          {w.open}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={w.manage}
        extra={
          <Can permission="wishes.manage">
            <Button type="primary" onClick={() => setPosting(true)} data-testid="wish-post-on-behalf">
              {w.postOnBehalf}
            </Button>
          </Can>
        }
      />
      <Flex vertical gap={16}>
        <Select
          allowClear
          value={list.filters.status}
          onChange={(status?: WishStatus) => list.setFilters({ status })}
          placeholder={w.anyStatus}
          aria-label={w.status}
          data-testid="wish-status-filter"
          style={{ maxWidth: 240 }}
          options={WISH_STATUSES.map((s) => ({ value: s, label: w.statuses[s] }))}
        />
        <DataTable<WishListItem>
          testId="wishes"
          rowKey={(i) => i.id}
          columns={columns}
          items={wishes.data?.items}
          query={wishes}
          empty={w.none}
          onRowOpen={open}
          paging={{ page: list.page, pageSize: list.pageSize, total: wishes.data?.total, onChange: list.setPage }}
        />
      </Flex>
      {posting ? <PostOnBehalfModal onClose={() => setPosting(false)} /> : null}
    </>
  );
}
