import { useState } from 'react';
import { Alert, App, Badge, Button, Empty, Flex, Pagination, Segmented, Typography } from 'antd';
import { WORKLIST_PAGE_SIZE, WorklistBucket, WorklistQuery } from '@linli/contracts';
import { usePermission } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Loading } from '../../../../components/Loading';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n, type MessageKey } from '../../../../i18n';
import { useListState } from '../../../../lib/use-list-state';
import { TIER_COLORS } from '../../shared/CareTags';
import type { RecordVisitResult, Visit } from '../../shared/types';
import { useWorklist, type WorklistScope } from '../api';
import { RecordVisitDrawer } from '../components/RecordVisitDrawer';
import { VisitCard } from '../components/VisitCard';

interface SectionProps {
  title: MessageKey;
  testId: string;
  visits: Visit[];
  /** Every visit in this list, shown or not (the server pages long lists). */
  total: number;
  overdue?: boolean;
  /** Shown alone (the 工作台 linked to it): said even when empty. */
  alone?: boolean;
  onRecord: (visit: Visit) => void;
  /** Opens this list alone, paged (offered when it holds more than one page). */
  onShowAll: () => void;
}

function Section({ title, testId, visits, total, overdue, alone, onRecord, onShowAll }: SectionProps) {
  const { t } = useI18n();
  if (!total && !alone) return null;
  return (
    <section data-testid={testId}>
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0, color: overdue ? TIER_COLORS.red : undefined }}>
          {t(title)}
        </Typography.Title>
        <Badge
          count={total}
          overflowCount={99_999}
          color={overdue ? TIER_COLORS.red : '#595959'}
          data-testid={`${testId}-total`}
        />
      </Flex>
      <Flex vertical gap={8}>
        {visits.map((v) => (
          <VisitCard key={v.id} visit={v} overdue={overdue} onRecord={onRecord} />
        ))}
        {!visits.length ? (
          <Typography.Text type="secondary">{t('care.visit.worklist.bucketEmpty')}</Typography.Text>
        ) : null}
        {!alone && total > visits.length ? (
          <Button
            type="link"
            style={{ alignSelf: 'flex-start', padding: 0 }}
            onClick={onShowAll}
            data-testid={`${testId}-more`}
          >
            {t('care.visit.worklist.more', { count: total - visits.length })}
          </Button>
        ) : null}
      </Flex>
    </section>
  );
}

const SECTIONS = [
  { bucket: 'overdue', title: 'care.visit.worklist.overdue', testId: 'worklist-overdue', overdue: true },
  { bucket: 'dueToday', title: 'care.visit.worklist.dueToday', testId: 'worklist-today', overdue: false },
  { bucket: 'thisWeek', title: 'care.visit.worklist.thisWeek', testId: 'worklist-week', overdue: false },
] as const;

/** The scope and, when the 工作台 linked to one, the single list to show are kept in the URL. */
const LIST = {
  url: { scope: WorklistQuery.shape.scope, bucket: WorklistBucket },
  pageSize: WORKLIST_PAGE_SIZE,
  anyPageSize: true,
};

/**
 * The phone-first worklist: overdue (window closed before today), due today (window contains today) and the rest of
 * this ISO week, each recordable in a few taps. `?bucket=` shows one of them alone.
 */
export default function WorklistPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canSupervise = usePermission('care.supervision.read');
  const list = useListState(LIST);
  const scope: WorklistScope = list.filters.scope ?? 'mine';
  const only = list.filters.bucket;
  const [recording, setRecording] = useState<Visit | null>(null);
  const [recorded, setRecorded] = useState<{ name: string; text: string } | null>(null);
  const worklist = useWorklist(scope, list.pageSize, only, list.page);
  const data = worklist.data;
  const nothingDue = !only && !!data && !data.totals.overdue && !data.totals.dueToday && !data.totals.thisWeek;
  const onlyTotal = only && data ? data.totals[only] : 0;

  const handleRecorded = (result: RecordVisitResult) => {
    const nextDue = result.nextVisit?.dueDate;
    // A missed visit stays owed: the server plans a retry in the same window, so say so rather than "next visit".
    const text = !nextDue
      ? t('care.visit.recorded')
      : result.visit.status === 'missed'
        ? t('care.visit.recordedMissed', { date: nextDue })
        : t('care.visit.recordedNext', { date: nextDue });
    setRecorded({ name: result.visit.clientName, text });
    void message.success(text);
    setRecording(null);
  };

  return (
    <>
      <PageHeader
        title={t('care.visit.worklist.title')}
        extra={
          canSupervise ? (
            <Segmented<WorklistScope>
              value={scope}
              onChange={(value) => list.setFilters({ scope: value === 'mine' ? undefined : value })}
              data-testid="worklist-scope"
              options={[
                { value: 'mine', label: t('care.visit.worklist.mine') },
                { value: 'area', label: t('care.visit.worklist.area') },
              ]}
            />
          ) : null
        }
      />
      <Flex vertical gap={16} style={{ maxWidth: 720 }}>
        {recorded ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setRecorded(null) }}
            title={<span data-testid="next-visit-due">{recorded.text}</span>}
            description={recorded.name}
          />
        ) : null}
        <ErrorAlert error={worklist.error} onRetry={() => void worklist.refetch()} />
        {worklist.isPending ? <Loading /> : null}
        {data ? (
          <>
            <Typography.Text type="secondary">{t('care.visit.worklist.today', { date: data.today })}</Typography.Text>
            {only ? (
              <Button
                type="link"
                style={{ alignSelf: 'flex-start', padding: 0 }}
                onClick={() => list.setFilters({ bucket: undefined })}
                data-testid="worklist-show-all"
              >
                {t('care.visit.worklist.showAll')}
              </Button>
            ) : null}
            {SECTIONS.filter((s) => !only || s.bucket === only).map((s) => (
              <Section
                key={s.bucket}
                title={s.title}
                testId={s.testId}
                visits={data[s.bucket]}
                total={data.totals[s.bucket]}
                overdue={s.overdue}
                alone={only === s.bucket}
                onRecord={setRecording}
                onShowAll={() => list.setFilters({ bucket: s.bucket })}
              />
            ))}
            {only && onlyTotal > data.pageSize ? (
              <Pagination
                current={list.page}
                pageSize={data.pageSize}
                total={onlyTotal}
                onChange={(page) => list.setPage(page)}
                showSizeChanger={false}
                showTotal={(total) => t('care.visit.worklist.shown', { total })}
                data-testid="worklist-pagination"
              />
            ) : null}
            {nothingDue ? <Empty data-testid="worklist-empty" description={t('care.visit.worklist.empty')} /> : null}
          </>
        ) : null}
      </Flex>
      {recording && data ? (
        <RecordVisitDrawer
          visit={recording}
          today={data.today}
          onClose={() => setRecording(null)}
          onRecorded={handleRecorded}
        />
      ) : null}
    </>
  );
}
