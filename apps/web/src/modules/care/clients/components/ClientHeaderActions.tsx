import { useState } from 'react';
import { App, Button, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { can } from '../../../../components/Can';
import { useI18n } from '../../../../i18n';
import type { ClientDetail, RecordVisitResult } from '../../shared/types';
import { AssessmentModal } from '../../tiers/components/AssessmentModal';
import { RecordVisitDrawer } from '../../visits/components/RecordVisitDrawer';
import { EditClientModal } from './EditClientModal';
import { MergeModal } from './MergeModal';

type Open = 'edit' | 'visit' | 'assess' | 'merge' | null;

/** What a worker does from the client page: record the next planned visit, edit, assess, merge a duplicate. */
export function ClientHeaderActions({ client: c }: { client: ClientDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  const handleRecorded = (result: RecordVisitResult) => {
    const nextDue = result.nextVisit?.dueDate;
    const text = !nextDue
      ? t('care.visit.recorded')
      : result.visit.status === 'missed'
        ? t('care.visit.recordedMissed', { date: nextDue })
        : t('care.visit.recordedNext', { date: nextDue });
    void message.success(text);
    close();
  };

  return (
    <Flex wrap gap={8} align="center">
      {can(c.allowedActions, 'record_visit') ? (
        c.nextVisit ? (
          <Button type="primary" onClick={() => setOpen('visit')} data-testid="client-record-visit">
            {t('care.client.recordVisit')}
          </Button>
        ) : (
          <Typography.Text type="secondary" data-testid="client-no-planned-visit">
            {t(c.tier ? 'care.client.noPlannedVisit' : 'care.client.noPlannedVisitUntiered')}
          </Typography.Text>
        )
      ) : null}
      {can(c.allowedActions, 'update') ? (
        <Button onClick={() => setOpen('edit')} data-testid="client-edit">
          {t('care.client.edit.open')}
        </Button>
      ) : null}
      {can(c.allowedActions, 'assess') ? (
        <Button onClick={() => setOpen('assess')} data-testid="client-assess">
          {t('care.tiers.assess.open')}
        </Button>
      ) : null}
      {can(c.allowedActions, 'update') ? (
        <Button onClick={() => setOpen('merge')} data-testid="client-merge">
          {t('care.client.merge.open')}
        </Button>
      ) : null}
      {open === 'visit' && c.nextVisit ? (
        <RecordVisitDrawer visit={c.nextVisit} today={c.today} onClose={close} onRecorded={handleRecorded} />
      ) : null}
      {open === 'edit' ? <EditClientModal client={c} onClose={close} /> : null}
      {open === 'assess' ? <AssessmentModal clientId={c.id} onClose={close} /> : null}
      {open === 'merge' ? (
        <MergeModal
          client={c}
          onClose={(merged) => {
            close();
            if (merged) void navigate(`/care/clients/${encodeURIComponent(merged.targetId)}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
