import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMyVolunteer } from '../api';
import { useVolunteersWords } from '../words';

/** The /m home page's 志愿服务 tile: register, or (a volunteer) activities, hours, points and the supermarket. */
export function VolunteerTile() {
  const w = useVolunteersWords();
  const navigate = useNavigate();
  const mine = useMyVolunteer();
  const button = { size: 'large', style: { flex: 1, minWidth: 120, minHeight: 48 } } as const;
  const v = mine.data?.record?.volunteer;
  const link = (path: string, label: string, testId: string, primary = false) => (
    <Button {...button} type={primary ? 'primary' : 'default'} onClick={() => navigate(path)} data-testid={testId}>
      {label}
    </Button>
  );
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="m-volunteer-tile"
      title={w.mTile}
      loading={mine.isLoading}
    >
      {!v || v.status === 'rejected' || v.status === 'left' ? (
        <>
          <Typography.Text type="secondary">{w.mTileHint}</Typography.Text>
          {v?.status === 'rejected' ? (
            <Alert
              type="warning"
              style={{ marginTop: 8 }}
              message={w.fill(w.mRejected, { reason: v.statusReason ?? '' })}
              data-testid="m-volunteer-rejected"
            />
          ) : null}
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {link('/m/volunteer/register', w.mRegister, 'm-volunteer-register', true)}
          </Flex>
        </>
      ) : v.status === 'pending' ? (
        <Alert type="info" message={w.mPending} data-testid="m-volunteer-pending" />
      ) : v.status === 'suspended' ? (
        <Flex gap={8} wrap>
          <Alert type="warning" message={w.statuses.suspended} style={{ width: '100%' }} />
          {link('/m/volunteer', w.mRecord, 'm-volunteer-record')}
        </Flex>
      ) : (
        <Flex gap={8} wrap data-testid="m-volunteer-active">
          {link('/m/activities', w.mActivities, 'm-volunteer-activities', true)}
          {link('/m/hours', w.mHours, 'm-volunteer-hours')}
          {link('/m/points', w.mPoints, 'm-volunteer-points')}
          {link('/m/supermarket', w.mSupermarket, 'm-volunteer-supermarket')}
          {link('/m/volunteer', w.mRecord, 'm-volunteer-record')}
          {link('/m/volunteer/code', w.mCode, 'm-volunteer-code')}
        </Flex>
      )}
    </Card>
  );
}
