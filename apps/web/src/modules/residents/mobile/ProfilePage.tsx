import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useLogout } from '../../auth';
import { useResidentProfile } from '../api';
import { useResidentsWords } from '../words';
import { ElderSwitch } from './MobileShell';
import { ChangePasswordCard, LinkSection } from './ProfileSections';

/** 我的: name, community, the 适老化 switch, the link to the care record, password, sign out. */
export default function ProfilePage() {
  const w = useResidentsWords();
  const profile = useResidentProfile();
  const logout = useLogout();
  const navigate = useNavigate();
  if (profile.isPending) return <Loading minHeight={120} />;
  if (profile.error) return <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2}>{w.me}</Typography.Title>
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={w.name}>
            <span data-testid="m-profile-name">{p.displayName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={w.phone}>{p.phoneMasked}</Descriptions.Item>
          <Descriptions.Item label={w.myCommunity}>{p.community.name}</Descriptions.Item>
        </Descriptions>
        <ElderSwitch />
      </Card>
      <LinkSection profile={p} />
      <ChangePasswordCard />
      <Button
        block
        danger
        onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/m/login', { replace: true }) })}
        data-testid="m-logout"
      >
        {w.logout}
      </Button>
    </Flex>
  );
}
