import { useState, type ReactNode } from 'react';
import { Descriptions, Grid, Typography } from 'antd';
import { can } from '../../../../components/Can';
import { useI18n } from '../../../../i18n';
import type { ClientDetail } from '../../shared/types';
import { CategoryTags } from '../../shared/CareTags';
import { useCareAreas } from '../../shared/useCareAreas';
import { RevealModal, type RevealField } from './RevealModal';

/** The client's record with masked numbers; "show full" links (audited, reason required) when allowed. */
export function ClientDescriptions({ client }: { client: ClientDetail }) {
  const { t } = useI18n();
  const isPhone = !Grid.useBreakpoint().md;
  const areas = useCareAreas();
  const [revealing, setRevealing] = useState<RevealField | null>(null);
  const canReveal = can(client.allowedActions, 'reveal');

  const masked = (field: RevealField, value: string | null): ReactNode => (
    <span>
      <span data-testid={`masked-${field}`}>{value ?? '—'}</span>
      {value && canReveal ? (
        <Typography.Link
          style={{ marginInlineStart: 8 }}
          onClick={() => setRevealing(field)}
          data-testid={`reveal-${field}`}
        >
          {t('care.client.reveal.link')}
        </Typography.Link>
      ) : null}
    </span>
  );

  const disability = [client.disabilityCategory, client.disabilityGrade].filter(Boolean).join(' / ');
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={isPhone ? 1 : 2}
        data-testid="client-descriptions"
        items={[
          {
            key: 'sex',
            label: t('care.field.sexAge'),
            children: `${client.sex ? t(`care.sex.${client.sex}`) : '—'} / ${client.age ?? '—'}`,
          },
          // Without the reveal permission the server sends the year only (F4).
          {
            key: 'birth',
            label: t('care.field.birthDate'),
            children:
              client.birthDate ?? (client.birthYear ? t('care.field.birthYearOnly', { year: client.birthYear }) : '—'),
          },
          { key: 'id', label: t('care.field.idNumber'), children: masked('idNumber', client.idNumberMasked) },
          { key: 'phone', label: t('care.field.phone'), children: masked('phone', client.phoneMasked) },
          { key: 'community', label: t('care.field.community'), children: areas.nameOf(client.communityCode) },
          { key: 'grid', label: t('care.field.grid'), children: areas.nameOf(client.gridCode) },
          { key: 'address', label: t('care.field.address'), children: client.address ?? '—', span: isPhone ? 1 : 2 },
          {
            key: 'categories',
            label: t('care.field.categories'),
            children: <CategoryTags categories={client.categories} />,
            span: isPhone ? 1 : 2,
          },
          {
            key: 'disabilityCard',
            label: t('care.field.disabilityCard'),
            children: masked('disabilityCardNumber', client.disabilityCardMasked),
          },
          { key: 'disability', label: t('care.field.disabilityCategory'), children: disability || '—' },
          { key: 'emergency', label: t('care.field.emergencyContact'), children: client.emergencyContactName ?? '—' },
          {
            key: 'emergencyPhone',
            label: t('care.field.emergencyPhone'),
            children: masked('emergencyContactPhone', client.emergencyContactPhoneMasked),
          },
          { key: 'assignee', label: t('care.field.assignee'), children: client.assigneeName ?? '—' },
          {
            key: 'nextVisit',
            label: t('care.field.nextVisitDue'),
            children: <span data-testid="client-next-visit">{client.nextVisitDue ?? '—'}</span>,
          },
          {
            key: 'reassessment',
            label: t('care.client.reassessmentDue'),
            children: (
              <span data-testid="client-reassessment-due">
                {client.reassessmentDue ?? t('care.client.reassessmentDueNone')}
              </span>
            ),
          },
          { key: 'notes', label: t('care.field.notes'), children: client.notes ?? '—', span: isPhone ? 1 : 2 },
        ]}
      />
      {revealing ? <RevealModal clientId={client.id} field={revealing} onClose={() => setRevealing(null)} /> : null}
    </>
  );
}
