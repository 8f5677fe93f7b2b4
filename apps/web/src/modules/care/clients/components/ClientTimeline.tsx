import { Empty, Timeline, Typography } from 'antd';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import type { TimelineEntry } from '../../shared/types';

const COLORS: Partial<Record<TimelineEntry['kind'], string>> = {
  created: 'green',
  assessment: 'blue',
  tier_change: 'red',
  visit: 'green',
  status: 'gray',
};

/** The client's history, newest first. */
export function ClientTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useI18n();
  if (!entries.length) return <Empty description={t('care.client.noTimeline')} />;
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline
      data-testid="client-timeline"
      items={sorted.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: COLORS[e.kind] ?? 'blue',
        title: formatDateTime(e.at),
        content: (
          <>
            <Typography.Text strong>{t(`care.client.timeline.${e.kind}`)}</Typography.Text>
            <Typography.Paragraph style={{ margin: 0 }}>{e.summary}</Typography.Paragraph>
          </>
        ),
      }))}
    />
  );
}
