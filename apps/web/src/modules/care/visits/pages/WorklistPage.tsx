import { useState } from 'react';
import { Alert, App, Badge, Empty, Flex, Segmented, Typography } from 'antd';
import { usePermission } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Loading } from '../../../../components/Loading';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n, type MessageKey } from '../../../../i18n';
import { TIER_COLORS } from '../../shared/CareTags';
import type { RecordVisitResult, Visit } from '../../shared/types';
import { useWorklist, type WorklistScope } from '../api';
import { RecordVisitDrawer } from '../components/RecordVisitDrawer';
import { VisitCard } from '../components/VisitCard';

interface SectionProps {
  title: MessageKey;
  testId: string;
  visits: Visit[];
  overdue?: boolean;
  onRecord: (visit: Visit) => void;
}

function Section({ title, testId, visits, overdue, onRecord }: SectionProps) {
  const { t } = useI18n();
  if (!visits.length) return null;
  return (
    <section data-testid={testId}>
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0, color: overdue ? TIER_COLORS.red : undefined }}>
          {t(title)}
        </Typography.Title>
        <Badge count={visits.length} color={overdue ? TIER_COLORS.red : '#8c8c8c'} />
      </Flex>
      <Flex vertical gap={8}>
        {visits.map((v) => (
          <VisitCard key={v.id} visit={v} overdue={overdue} onRecord={onRecord} />
        ))}
      </Flex>
    </section>
  );
}

/** The phone-first worklist: overdue, due today and this week's visits, each recordable in a few taps. */
export default function WorklistPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canSupervise = usePermission('care.supervision.read');
  const [scope, setScope] = useState<WorklistScope>('mine');
  const [recording, setRecording] = useState<Visit | null>(null);
  const [recorded, setRecorded] = useState<{ name: string; text: string } | null>(null);
  const worklist = useWorklist(scope);
  const data = worklist.data;
  const nothingDue = !!data && !data.overdue.length && !data.dueToday.length && !data.thisWeek.length;

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
              onChange={setScope}
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
            <Section
              title="care.visit.worklist.overdue"
              testId="worklist-overdue"
              visits={data.overdue}
              overdue
              onRecord={setRecording}
            />
            <Section
              title="care.visit.worklist.dueToday"
              testId="worklist-today"
              visits={data.dueToday}
              onRecord={setRecording}
            />
            <Section
              title="care.visit.worklist.thisWeek"
              testId="worklist-week"
              visits={data.thisWeek}
              onRecord={setRecording}
            />
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
