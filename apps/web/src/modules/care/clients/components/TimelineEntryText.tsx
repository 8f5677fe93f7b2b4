/** What one timeline entry says, in the UI language: the server sends codes and values only (no words). */
import type { ReactNode } from 'react';
import { Tag, Typography } from 'antd';
import type { ClientEditField } from '@linli/contracts';
import { useI18n, type MessageKey } from '../../../../i18n';
import type { Tier, TimelineEntry } from '../../shared/types';

/** The label of each field an edit may change (the server names them by their ClientUpdateInput key). */
const FIELD_LABELS: Record<ClientEditField, MessageKey> = {
  name: 'care.field.name',
  phone: 'care.field.phone',
  address: 'care.field.address',
  gridCode: 'care.field.grid',
  categories: 'care.field.categories',
  disabilityCategory: 'care.field.disabilityCategory',
  disabilityGrade: 'care.field.disabilityGrade',
  emergencyContactName: 'care.field.emergencyContact',
  emergencyContactPhone: 'care.field.emergencyPhone',
  assigneeId: 'care.field.assignee',
  householdId: 'care.field.household',
  notes: 'care.field.notes',
};

const Line = ({ children, testId }: { children: ReactNode; testId?: string }) => (
  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid={testId}>
    {children}
  </Typography.Paragraph>
);

/** What happened, in the UI language: the server sends codes and values only (no words). */
export function TimelineEntryText({ entry }: { entry: TimelineEntry }) {
  const { t } = useI18n();
  const tier = (value: Tier | null) => (value ? t(`care.tier.${value}`) : t('care.tier.none'));
  const list = (items: string[]) => items.join(t('care.client.timeline.listSeparator'));
  switch (entry.kind) {
    case 'created':
    case 'reassigned':
      return null;
    case 'assessment':
      return (
        <Line>
          {t('care.client.timeline.assessmentText', {
            suggested: tier(entry.data.suggestedTier),
            confirmed: tier(entry.data.confirmedTier),
          })}
        </Line>
      );
    case 'tier_change':
      return (
        <Line>
          {t('care.client.timeline.change', { from: tier(entry.data.fromTier), to: tier(entry.data.toTier) })}{' '}
          <Tag>{t(`care.client.timeline.tierStatus.${entry.data.status}`)}</Tag>
        </Line>
      );
    case 'visit': {
      const d = entry.data;
      const date = d.visitedOn ?? '—';
      return (
        <>
          <Line>
            {d.status === 'done'
              ? t('care.client.timeline.visitDone', { mode: t(`care.visit.mode.${d.mode}`), date })
              : t('care.client.timeline.visitMissed', {
                  reason: d.missedReason ? t(`care.visit.missed.${d.missedReason}`) : '—',
                  date,
                })}
          </Line>
          {d.notes ? <Line testId="timeline-visit-notes">{d.notes}</Line> : null}
          {d.services.length ? <Line>{t('care.client.timeline.services', { services: list(d.services) })}</Line> : null}
          {d.membersSeen ? <Line>{t('care.client.timeline.membersSeen', { n: d.membersSeen })}</Line> : null}
          {d.householdVisit ? (
            <Typography.Text type="secondary">{t('care.client.timeline.householdVisit')}</Typography.Text>
          ) : null}
        </>
      );
    }
    case 'status': {
      const d = entry.data;
      return (
        <>
          <Line>
            {t('care.client.timeline.change', { from: t(`care.status.${d.from}`), to: t(`care.status.${d.to}`) })}
          </Line>
          {d.resumeOn ? <Line>{t('care.client.timeline.resumeOn', { date: d.resumeOn })}</Line> : null}
          {d.reason ? <Line>{t('care.client.timeline.reason', { reason: d.reason })}</Line> : null}
        </>
      );
    }
    case 'updated':
      return entry.data.fields.length ? (
        <Line>
          {t('care.client.timeline.fields', { fields: list(entry.data.fields.map((f) => t(FIELD_LABELS[f]))) })}
        </Line>
      ) : null;
    case 'case':
      return (
        <Line>
          <Tag>{t(`care.case.status.${entry.data.status}`)}</Tag>
        </Line>
      );
    case 'referral':
      return (
        <Line>
          {t('care.client.timeline.referralText', { provider: entry.data.providerName, service: entry.data.service })}{' '}
          <Tag>{t(`care.referral.status.${entry.data.status}`)}</Tag>
        </Line>
      );
  }
}
