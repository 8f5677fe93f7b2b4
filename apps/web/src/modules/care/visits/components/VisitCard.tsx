import { Button, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { Can } from '../../../../components/Can';
import { useI18n } from '../../../../i18n';
import { TIER_COLORS, TierTag } from '../../shared/CareTags';
import type { Visit } from '../../shared/types';

interface VisitCardProps {
  visit: Visit;
  overdue?: boolean;
  onRecord: (visit: Visit) => void;
}

/** One due visit on the worklist: who, how urgent, when, and a thumb-sized "record visit" button. */
export function VisitCard({ visit, overdue, onRecord }: VisitCardProps) {
  const { t } = useI18n();
  const accent = overdue ? TIER_COLORS.red : visit.tier ? TIER_COLORS[visit.tier] : undefined;
  return (
    <Card
      size="small"
      data-testid={`visit-card-${visit.id}`}
      styles={{ root: accent ? { borderInlineStart: `4px solid ${accent}` } : undefined }}
    >
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Link
            to={`/care/clients/${visit.clientId}`}
            data-testid={`visit-client-${visit.id}`}
            style={{ fontSize: 16, fontWeight: 600 }}
          >
            {visit.clientName}
          </Link>
          <TierTag tier={visit.tier} />
        </Flex>
        {overdue ? (
          <Typography.Text strong style={{ color: TIER_COLORS.red }} data-testid={`visit-overdue-${visit.id}`}>
            {t('care.overdueDays', { days: visit.overdueDays })}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary">
          {t('care.visit.due', { date: visit.dueDate })} ·{' '}
          {t('care.visit.window', { start: visit.windowStart, end: visit.windowEnd })}
        </Typography.Text>
        <Typography.Text type="secondary">{t(`care.visit.mode.${visit.mode}`)}</Typography.Text>
        <Can permission="care.visit.write">
          <Button
            type="primary"
            size="large"
            block
            onClick={() => onRecord(visit)}
            data-testid={`record-visit-${visit.id}`}
          >
            {t('care.visit.record')}
          </Button>
        </Can>
      </Flex>
    </Card>
  );
}
