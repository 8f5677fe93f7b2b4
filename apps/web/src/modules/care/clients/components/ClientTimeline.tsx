import { useState } from 'react';
import { Button, Empty, Flex, Timeline, Typography } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import type { ClientDetail, TimelineEntry } from '../../shared/types';
import { VisitDetailDrawer, type VisitEntry } from '../../visits/components/VisitDetailDrawer';
import { useOlderTimeline } from '../api';
import { TimelineEntryText } from './TimelineEntryText';

const COLORS: Partial<Record<TimelineEntry['kind'], string>> = {
  created: 'green',
  assessment: 'blue',
  tier_change: 'red',
  visit: 'green',
  status: 'gray',
};

/**
 * The client's history, newest first: the detail's latest page, then older pages on "更多". Each entry says what
 * happened and who did it; a visit opens its detail.
 */
export function ClientTimeline({ client }: { client: ClientDetail }) {
  const { t } = useI18n();
  const [wanted, setWanted] = useState(false);
  const [visit, setVisit] = useState<VisitEntry | null>(null);
  const older = useOlderTimeline(client.id, client.timelineCursor, wanted);
  const entries = [...client.timeline, ...(older.data?.pages.flatMap((p) => p.items) ?? [])];
  const hasMore = client.timelineCursor !== null && (!older.data || older.hasNextPage);
  const loading = older.isFetching;

  const handleMore = () => {
    if (!wanted) setWanted(true);
    else void older.fetchNextPage();
  };

  if (!entries.length) return <Empty description={t('care.client.noTimeline')} />;
  return (
    <>
      <Timeline
        data-testid="client-timeline"
        items={entries.map((e, i) => ({
          key: `${e.at}-${e.refId ?? i}`,
          color: COLORS[e.kind] ?? 'blue',
          title: formatDateTime(e.at),
          content: (
            <div data-testid={`timeline-${e.kind}`}>
              <Flex wrap gap={8} align="baseline">
                <Typography.Text strong>{t(`care.client.timeline.${e.kind}`)}</Typography.Text>
                {e.actorName ? (
                  <Typography.Text data-testid="timeline-actor">
                    {t('care.client.timeline.by', { name: e.actorName })}
                  </Typography.Text>
                ) : null}
                {e.kind === 'visit' ? (
                  <Typography.Link onClick={() => setVisit(e)} data-testid="timeline-visit-open">
                    {t('care.client.timeline.viewVisit')}
                  </Typography.Link>
                ) : null}
              </Flex>
              <TimelineEntryText entry={e} />
            </div>
          ),
        }))}
      />
      <ErrorAlert error={older.error} onRetry={() => void older.refetch()} />
      {hasMore ? (
        <Button onClick={handleMore} loading={loading} disabled={loading} data-testid="timeline-more">
          {t('care.client.timeline.more')}
        </Button>
      ) : null}
      {visit ? <VisitDetailDrawer entry={visit} onClose={() => setVisit(null)} /> : null}
    </>
  );
}
