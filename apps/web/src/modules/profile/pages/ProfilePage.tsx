import { Col, Row } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { ChangePasswordCard } from '../components/ChangePasswordCard';
import { SessionsCard } from '../components/SessionsCard';
import { TotpCard } from '../components/TotpCard';

export default function ProfilePage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChangePasswordCard />
        </Col>
        <Col xs={24} xl={12}>
          <TotpCard />
        </Col>
        <Col xs={24}>
          <SessionsCard />
        </Col>
      </Row>
    </>
  );
}
