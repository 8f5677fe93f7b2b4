import { Card, Flex, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { SimpleList } from '../../../components/SimpleList';
import { useI18n } from '../../../i18n';
import type { AreaFigures } from '../api';
import { StatTile } from './StatTile';

const TIERS = ['red', 'yellow', 'blue'] as const;

/** The jurisdiction's headline figures (supervisors and officers): clients by tier, overdue, on-time rate, team. */
export function AreaCard({ area }: { area: AreaFigures }) {
  const { t } = useI18n();
  const rate = area.onTime.rate === null ? '—' : `${Math.round(area.onTime.rate * 100)}%`;
  const { d1to7, d8to30, over30 } = area.overdue;
  return (
    <Card title={t('home.area.title')} data-testid="home-area">
      <Flex vertical gap={16}>
        <Row gutter={[12, 12]}>
          <StatTile testId="home-area-clients" label={t('home.area.clients')} value={area.clients} to="/care/clients" />
          {TIERS.map((tier) => (
            <StatTile
              key={tier}
              testId={`home-area-tier-${tier}`}
              label={`${t('care.field.tier')} · ${t(`care.tier.${tier}`)}`}
              value={area.clientsByTier[tier]}
              to={`/care/clients?tier=${tier}`}
            />
          ))}
          <StatTile
            testId="home-area-overdue"
            label={t('home.area.overdue')}
            value={area.overdue.total}
            alert={area.overdue.total > 0}
            hint={t('home.area.overdueAges', { a: d1to7, b: d8to30, c: over30 })}
            to="/care/overdue"
          />
          <StatTile
            testId="home-area-ontime"
            label={t('home.area.onTime')}
            value={rate}
            hint={
              area.onTime.done
                ? t('home.area.onTimeOf', {
                    onTime: area.onTime.onTime,
                    done: area.onTime.done,
                    from: area.onTimePeriod.from,
                    until: area.onTimePeriod.until,
                  })
                : t('home.area.noVisits')
            }
            to="/care/overdue"
          />
        </Row>
        <div>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('home.area.team')}
          </Typography.Title>
          <SimpleList
            testId="home-area-team"
            items={area.byWorker}
            rowKey={(b) => b.key}
            empty={t('home.area.teamNone')}
            renderItem={(b) => (
              <>
                <Link to="/care/overdue">{b.key === 'none' ? t('home.area.unassigned') : b.label}</Link>
                <Typography.Text strong>{t('home.area.teamCount', { n: b.total })}</Typography.Text>
              </>
            )}
          />
        </div>
      </Flex>
    </Card>
  );
}
