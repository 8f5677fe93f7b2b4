import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { ClockCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { RoleTags } from '../../../components/RoleTags';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { hasPermission, useSession } from '../../auth';
import { useCareHome } from '../api';
import { ApprovalsCard } from '../components/ApprovalsCard';
import { AreaCard } from '../components/AreaCard';
import { MyDay } from '../components/MyDay';
import { MyLists } from '../components/MyLists';

const LISTS = ['reassessments', 'tasks', 'referrals'] as const;

/** Who I am, where I work, and how my session is protected: one compact card under the day's figures. */
function AccountCard() {
  const session = useSession();
  const { t } = useI18n();
  return (
    <Card title={t('home.account')} size="small">
      <Row gutter={[16, 12]}>
        <Col xs={24} md={8}>
          <Typography.Text strong>{t('home.roles')}</Typography.Text>
          <div data-testid="home-roles">
            <RoleTags roles={session.roles} />
          </div>
        </Col>
        <Col xs={24} md={8}>
          <Typography.Text strong>{t('home.areas')}</Typography.Text>
          {session.areas.length === 0 ? (
            <div>{t('home.noAreas')}</div>
          ) : (
            <Flex wrap gap={4} data-testid="home-areas">
              {session.areas.map((area) => (
                <Tag key={area.code}>
                  {area.name} · {t(`area.level.${area.level}`)}
                </Tag>
              ))}
            </Flex>
          )}
        </Col>
        <Col xs={24} md={8}>
          <Typography.Text strong>{t('home.security')}</Typography.Text>
          <div>
            <SafetyCertificateOutlined /> {session.totpEnabled ? t('home.totpOn') : t('home.totpOff')}
          </div>
          <div>
            <ClockCircleOutlined /> {t('home.sessionExpires', { time: formatDateTime(session.expiresAt) })}
          </div>
        </Col>
      </Row>
    </Card>
  );
}

/**
 * 工作台: the person's day by role (docs/care.md "工作台") — a caseworker's visits and what else waits on them, a
 * supervisor's approvals and team, an officer's area — then their account.
 */
export default function HomePage() {
  const session = useSession();
  const { t } = useI18n();
  const home = useCareHome(hasPermission(session, 'care.client.read'));
  const data = home.data;
  const mine = data?.mine ?? null;
  // A supervisor without a caseload of their own: their area comes first and an empty "my day" is left out.
  const busy = mine
    ? [mine.overdue, mine.dueToday, mine.thisWeek, ...LISTS.map((k) => mine[k].count)].some(Boolean)
    : false;
  const showMine = mine !== null && (busy || !data?.area);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-welcome">
        {t('home.welcome', { name: session.user.displayName })}
      </Typography.Title>
      <ErrorAlert error={home.error} onRetry={() => void home.refetch()} />
      {home.isLoading ? <Loading /> : null}
      {showMine ? <MyDay mine={mine!} /> : null}
      {data?.approvals ? <ApprovalsCard approvals={data.approvals} /> : null}
      {data?.area ? <AreaCard area={data.area} /> : null}
      {showMine ? <MyLists mine={mine!} /> : null}
      <AccountCard />
    </Flex>
  );
}
