import { useState } from 'react';
import { Button, Checkbox, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { NotificationItem } from '@linli/contracts/modules/notifications';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api';
import { useNotificationsWords } from '../words';

export interface NotificationInboxProps {
  pageSize?: number;
  /** Rewrites an entry's link for another entry point (e.g. the resident app under /m); null hides the link. */
  linkFor?: (item: NotificationItem) => string | null;
}

/** The signed-in account's notifications: unread first in bold, mark one or all read, each linking to its object. */
export function NotificationInbox({ pageSize = 20, linkFor = (i) => i.link }: NotificationInboxProps) {
  const w = useNotificationsWords();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(page, pageSize, unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const columns: DataColumn<NotificationItem>[] = [
    {
      key: 'message',
      title: w.message,
      card: 'title',
      render: (n) => {
        const link = linkFor(n);
        const text = w.eventText(n.event, n.params);
        const body = <Typography.Text strong={!n.readAt}>{text}</Typography.Text>;
        return (
          <span data-testid={`notification-${n.id}`} data-read={n.readAt ? 'true' : 'false'}>
            {n.urgent ? <Tag color="red">{w.urgent}</Tag> : null}
            {link ? (
              <Link to={link} onClick={() => (n.readAt ? undefined : markRead.mutate(n.id))}>
                {body}
              </Link>
            ) : (
              body
            )}
          </span>
        );
      },
    },
    {
      key: 'state',
      title: w.status,
      card: 'extra',
      render: (n) => (n.readAt ? <Tag>{w.read}</Tag> : <Tag color="blue">{w.unread}</Tag>),
    },
    { key: 'time', title: w.time, render: (n) => formatDateTime(n.createdAt) },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (n) =>
        n.readAt ? null : (
          <Button size="small" data-testid={`mark-read-${n.id}`} onClick={() => markRead.mutate(n.id)}>
            {w.markRead}
          </Button>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Checkbox
          checked={unreadOnly}
          data-testid="notifications-unread-only"
          onChange={(e) => {
            setUnreadOnly(e.target.checked);
            setPage(1);
          }}
        >
          {w.unreadOnly}
        </Checkbox>
        <Button data-testid="notifications-read-all" loading={markAll.isPending} onClick={() => markAll.mutate()}>
          {w.markAllRead}
        </Button>
      </Flex>
      <ErrorAlert error={markRead.error ?? markAll.error} />
      <DataTable<NotificationItem>
        testId="notifications-table"
        rowKey={(n) => n.id}
        columns={columns}
        items={list.data?.items}
        query={list}
        empty={w.none}
        paging={{ page, pageSize, total: list.data?.total, onChange: (p) => setPage(p) }}
      />
    </Flex>
  );
}
