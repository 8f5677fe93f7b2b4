import { Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { RequestsTile } from '../../requests';
import { WishesTile } from '../../wishes';
import { VolunteerTile } from '../../volunteers';
import { useResidentProfile } from '../api';
import { useResidentsWords } from '../words';
import { NoticeList } from './NoticeList';
import { CareCard } from './ProfileSections';

/** 首页: a greeting, the worker and next visit when linked, the latest notices. */
export default function HomePage() {
  const w = useResidentsWords();
  const profile = useResidentProfile();
  return (
    <>
      <Typography.Title level={2} data-testid="m-home-title">
        {profile.data ? `${profile.data.displayName}，${profile.data.community.name}` : w.home}
      </Typography.Title>
      {profile.data?.care ? <CareCard care={profile.data.care} /> : null}
      <RequestsTile />
      <WishesTile />
      <VolunteerTile />
      <Card
        title={w.latestNotices}
        size="small"
        style={{ marginTop: 12 }}
        extra={<Link to="/m/notices">{w.notices}</Link>}
      >
        <NoticeList limit={3} />
      </Card>
    </>
  );
}
