import { Card, Flex, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { SimpleList } from '../../../components/SimpleList';
import { useI18n } from '../../../i18n';
import { TIER_COLORS, TierTag } from '../../care';
import type { MyDay as MyDayData } from '../api';
import { StatTile } from './StatTile';

/** A caseworker's day: the worklist's three counts, what waits besides visits, and the visits to make first. */
export function MyDay({ mine }: { mine: MyDayData }) {
  const { t } = useI18n();
  return (
    <Card title={t('home.mine.title')} data-testid="home-mine">
      <Flex vertical gap={16}>
        <Row gutter={[12, 12]}>
          <StatTile
            testId="home-count-overdue"
            label={t('home.mine.overdue')}
            value={mine.overdue}
            alert={mine.overdue > 0}
            to="/care/worklist?bucket=overdue"
          />
          <StatTile
            testId="home-count-today"
            label={t('home.mine.dueToday')}
            value={mine.dueToday}
            to="/care/worklist?bucket=dueToday"
          />
          <StatTile
            testId="home-count-week"
            label={t('home.mine.thisWeek')}
            value={mine.thisWeek}
            to="/care/worklist?bucket=thisWeek"
          />
          <StatTile
            testId="home-count-reassessments"
            label={t('home.mine.reassessments')}
            value={mine.reassessments.count}
            to="#home-reassessments"
          />
          <StatTile testId="home-count-tasks" label={t('home.mine.tasks')} value={mine.tasks.count} to="#home-tasks" />
          <StatTile
            testId="home-count-referrals"
            label={t('home.mine.referrals')}
            value={mine.referrals.count}
            to="#home-referrals"
          />
        </Row>
        <div>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('home.mine.next')}
            </Typography.Title>
            <Link to="/care/worklist" data-testid="home-open-worklist">
              {t('home.mine.openWorklist')}
            </Link>
          </Flex>
          <SimpleList
            testId="home-next"
            items={mine.next}
            rowKey={(v) => v.id}
            empty={t('home.mine.nextEmpty')}
            renderItem={(v) => (
              <>
                <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                  <Link to={`/care/clients/${v.clientId}`} data-testid={`home-next-${v.id}`}>
                    {v.clientName}
                  </Link>
                  <TierTag tier={v.tier} />
                </Flex>
                {v.overdueDays > 0 ? (
                  <Typography.Text strong style={{ color: TIER_COLORS.red }}>
                    {t('care.overdueDays', { days: v.overdueDays })}
                  </Typography.Text>
                ) : (
                  <Typography.Text>{t('home.mine.window', { date: v.windowEnd })}</Typography.Text>
                )}
              </>
            )}
          />
        </div>
      </Flex>
    </Card>
  );
}
