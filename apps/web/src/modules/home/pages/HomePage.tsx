import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { ClockCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { RoleTags } from '../../../components/RoleTags';
import { useI18n, type MessageKey } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../auth';

const COMING: MessageKey[] = [
  'home.feature.care',
  'home.feature.requests',
  'home.feature.volunteers',
  'home.feature.charity',
  'home.feature.meetings',
  'home.feature.dashboards',
];

/** Workbench: who I am, where I work, and what the platform will offer next. */
export default function HomePage() {
  const session = useSession();
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-welcome">
        {t('home.welcome', { name: session.user.displayName })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('home.roles')} style={{ height: '100%' }}>
            <div data-testid="home-roles">
              <RoleTags roles={session.roles} />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.areas')} style={{ height: '100%' }}>
            {session.areas.length === 0 ? (
              <Typography.Text type="secondary">{t('home.noAreas')}</Typography.Text>
            ) : (
              <Flex wrap gap={4} data-testid="home-areas">
                {session.areas.map((area) => (
                  <Tag key={area.code}>
                    {area.name} · {t(`area.level.${area.level}`)}
                  </Tag>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.security')} style={{ height: '100%' }}>
            <Flex vertical gap={8}>
              <Typography.Text>
                <SafetyCertificateOutlined /> {session.totpEnabled ? t('home.totpOn') : t('home.totpOff')}
              </Typography.Text>
              <Typography.Text type="secondary">
                <ClockCircleOutlined /> {t('home.sessionExpires', { time: formatDateTime(session.expiresAt) })}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.coming')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('home.comingHint')}</Typography.Paragraph>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {COMING.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ul>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
