import { Descriptions, Drawer, Grid, Typography } from 'antd';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import type { TimelineEntry } from '../../shared/types';

export type VisitEntry = Extract<TimelineEntry, { kind: 'visit' }>;

/** One visit made or missed, as the timeline has it: outcome, mode, date, reason, notes, services, who was seen. */
export function VisitDetailDrawer({ entry, onClose }: { entry: VisitEntry; onClose: () => void }) {
  const { t } = useI18n();
  const isPhone = !Grid.useBreakpoint().md;
  const d = entry.data;
  const dash = '—';
  const items = [
    { key: 'outcome', label: t('care.visit.outcome'), children: t(`care.visit.outcome.${d.status}`) },
    { key: 'mode', label: t('care.visit.mode'), children: t(`care.visit.mode.${d.mode}`) },
    { key: 'visitedOn', label: t('care.visit.visitedOn'), children: d.visitedOn ?? dash },
    ...(d.status === 'missed'
      ? [
          {
            key: 'missedReason',
            label: t('care.visit.missedReason'),
            children: d.missedReason ? t(`care.visit.missed.${d.missedReason}`) : dash,
          },
        ]
      : []),
    {
      key: 'notes',
      label: t('care.visit.notes'),
      children: (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="visit-detail-notes">
          {d.notes ?? dash}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'services',
      label: t('care.visit.detail.services'),
      children: d.services.length ? d.services.join(t('care.client.timeline.listSeparator')) : dash,
    },
    {
      key: 'membersSeen',
      label: t('care.visit.detail.membersSeen'),
      children: d.membersSeen ? t('care.visit.detail.membersSeenCount', { n: d.membersSeen }) : dash,
    },
    ...(d.householdVisit
      ? [
          {
            key: 'householdVisit',
            label: t('care.visit.detail.householdVisit'),
            children: t('care.client.timeline.householdVisit'),
          },
        ]
      : []),
    { key: 'recordedBy', label: t('care.visit.detail.recordedBy'), children: entry.actorName ?? dash },
    { key: 'recordedAt', label: t('care.visit.detail.recordedAt'), children: formatDateTime(entry.at) },
  ];
  return (
    <Drawer
      open
      placement={isPhone ? 'bottom' : 'right'}
      size={isPhone ? '80%' : 420}
      title={t('care.visit.detail.title')}
      onClose={onClose}
      destroyOnHidden
    >
      <Descriptions column={1} bordered size="small" items={items} data-testid="visit-detail" />
    </Drawer>
  );
}
