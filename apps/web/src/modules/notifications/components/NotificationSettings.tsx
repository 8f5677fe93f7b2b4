import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Flex } from 'antd';
import type { NotificationChannel, NotificationEvent } from '@linli/contracts/modules/notifications';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { interpolate } from '../../../lib/format';
import { useNotificationPreferences, useSavePreferences } from '../api';
import { useNotificationsWords } from '../words';

type Row = { event: NotificationEvent; channels: NotificationChannel[] };

/** Channels per event for the signed-in account (the inbox is always on); usable on the staff and resident entries. */
export function NotificationSettings() {
  const w = useNotificationsWords();
  const { t } = useI18n();
  const prefs = useNotificationPreferences();
  const save = useSavePreferences({ success: 'app.done' });
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (prefs.data) setRows(prefs.data.items.map((i) => ({ event: i.event, channels: [...i.channels] })));
  }, [prefs.data]);

  const toggle = (event: NotificationEvent, channel: NotificationChannel, on: boolean) =>
    setRows((current) =>
      current.map((r) =>
        r.event !== event
          ? r
          : { ...r, channels: on ? [...r.channels, channel] : r.channels.filter((c) => c !== channel) },
      ),
    );
  const channelColumn = (channel: NotificationChannel, available: boolean): DataColumn<Row> => ({
    key: channel,
    title: w[channel],
    render: (r) => (
      <Checkbox
        aria-label={`${w.eventName(r.event)} ${w[channel]}`}
        data-testid={`pref-${r.event}-${channel}`}
        disabled={!available}
        checked={r.channels.includes(channel)}
        onChange={(e) => toggle(r.event, channel, e.target.checked)}
      />
    ),
  });
  const columns: DataColumn<Row>[] = [
    { key: 'event', title: w.event, card: 'title', render: (r) => w.eventName(r.event) },
    { key: 'inbox', title: w.channelInbox, render: () => <Checkbox checked disabled aria-label={w.channelInbox} /> },
    channelColumn('sms', prefs.data?.smsAvailable ?? false),
    channelColumn('webhook', prefs.data?.webhookAvailable ?? false),
  ];
  const quiet = prefs.data?.quietHours ?? { from: '21:00', to: '08:00' };

  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={interpolate(w.settingsHint, quiet)} />
      {prefs.data && !prefs.data.smsAvailable ? <Alert type="warning" title={w.smsUnavailable} /> : null}
      <ErrorAlert error={save.alertError} />
      <DataTable<Row>
        testId="notification-preferences"
        rowKey={(r) => r.event}
        columns={columns}
        items={prefs.data ? rows : undefined}
        query={prefs}
        empty={w.none}
        paging={false}
      />
      <Flex justify="end">
        <Button
          type="primary"
          data-testid="notification-preferences-save"
          loading={save.isPending}
          onClick={() => save.mutate({ items: rows })}
        >
          {t('app.save')}
        </Button>
      </Flex>
    </Flex>
  );
}
