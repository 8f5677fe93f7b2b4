import { useState } from 'react';
import { Button, Flex, Select, Tag } from 'antd';
import { DELIVERY_STATUSES, type DeliveryItem, type DeliveryStatus } from '@linli/contracts/modules/notifications';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { useOutbox, useRetryDelivery } from '../api';
import { useNotificationsWords } from '../words';

const STATUS_COLOUR: Record<DeliveryStatus, string> = {
  pending: 'blue',
  sending: 'gold',
  sent: 'green',
  dead: 'red',
};

/** The outbox of external deliveries (administrators): dead letters first by default, each retryable. */
export function OutboxPanel({ initialStatus = 'dead' }: { initialStatus?: DeliveryStatus | undefined }) {
  const w = useNotificationsWords();
  const [status, setStatus] = useState<DeliveryStatus | undefined>(initialStatus);
  const [page, setPage] = useState(1);
  const outbox = useOutbox(status, page);
  const retry = useRetryDelivery({ success: 'app.done' });

  const columns: DataColumn<DeliveryItem>[] = [
    { key: 'channel', title: w.channel, card: 'title', render: (d) => w[d.channel] },
    {
      key: 'status',
      title: w.status,
      card: 'extra',
      render: (d) => <Tag color={STATUS_COLOUR[d.status]}>{w[`status_${d.status}`]}</Tag>,
    },
    { key: 'event', title: w.event, render: (d) => d.event ?? '—' },
    { key: 'attempts', title: w.attempts, render: (d) => d.attempts },
    { key: 'next', title: w.nextAttempt, render: (d) => formatDateTime(d.nextAttemptAt) },
    { key: 'error', title: w.lastError, ellipsis: true, render: (d) => d.lastError ?? '—' },
    { key: 'created', title: w.time, render: (d) => formatDateTime(d.createdAt) },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (d) =>
        d.status === 'dead' ? (
          <Button size="small" data-testid={`retry-delivery-${d.id}`} onClick={() => retry.mutate(d.id)}>
            {w.retry}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Select<DeliveryStatus | 'all'>
        aria-label={w.status}
        style={{ width: 160 }}
        value={status ?? 'all'}
        onChange={(v) => {
          setStatus(v === 'all' ? undefined : v);
          setPage(1);
        }}
        options={[
          { value: 'all', label: w.allStatuses },
          ...DELIVERY_STATUSES.map((s) => ({ value: s, label: w[`status_${s}`] })),
        ]}
      />
      <ErrorAlert error={retry.alertError} />
      <DataTable<DeliveryItem>
        testId="notifications-outbox"
        rowKey={(d) => d.id}
        columns={columns}
        items={outbox.data?.items}
        query={outbox}
        empty={w.none}
        paging={{ page, pageSize: 20, total: outbox.data?.total, onChange: (p) => setPage(p) }}
        scrollX={900}
      />
    </Flex>
  );
}
