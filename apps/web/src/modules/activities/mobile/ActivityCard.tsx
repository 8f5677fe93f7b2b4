import type { ReactNode } from 'react';
import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { OpenActivity } from '@linli/contracts/modules/activities';
import dayjs from 'dayjs';
import { DISPLAY_TZ } from '../../../lib/format';
import { useActivitiesWords } from '../words';

/** 2026-12-04 14:44 – 16:14 (the end's day too when it ends on another day), in China time. */
function timeSpan(startsAt: string, endsAt: string): string {
  const start = dayjs(startsAt).tz(DISPLAY_TZ);
  const end = dayjs(endsAt).tz(DISPLAY_TZ);
  const endFormat = start.isSame(end, 'day') ? 'HH:mm' : 'YYYY-MM-DD HH:mm';
  return `${start.format('YYYY-MM-DD HH:mm')} – ${end.format(endFormat)}`;
}

/** One activity on /m: title, when, where, how many signed up, and the volunteer's own state. */
export function ActivityCard({
  activity: a,
  link,
  extra,
}: {
  activity: OpenActivity;
  link: string;
  extra?: ReactNode;
}) {
  const w = useActivitiesWords();
  const registered = a.roles.reduce((n, r) => n + Math.min(r.registered, r.capacity), 0);
  return (
    <Card size="small" data-testid={`m-activity-${a.id}`}>
      <Flex vertical gap={4}>
        <Flex justify="space-between" gap={8}>
          <Link to={link} data-testid={`m-activity-link-${a.id}`}>
            <Typography.Text strong style={{ fontSize: 17 }}>
              {a.title}
            </Typography.Text>
          </Link>
          {a.mine ? (
            <Tag color="blue" data-testid={`m-activity-state-${a.id}`}>
              {w.states[a.mine.state]}
            </Tag>
          ) : a.status !== 'published' ? (
            <Tag>{w.statuses[a.status]}</Tag>
          ) : null}
        </Flex>
        <Typography.Text>{timeSpan(a.startsAt, a.endsAt)}</Typography.Text>
        <Typography.Text type="secondary">
          {[a.placeName, a.address].filter(Boolean).join(' · ')} · {w.types[a.type]}
        </Typography.Text>
        {a.status === 'published' && !a.mine ? (
          <Typography.Text type="secondary">
            {a.signupOpen
              ? `${w.signupOpen} · ${w.signedUp} ${registered}/${a.roles.reduce((n, r) => n + r.capacity, 0)}`
              : w.signupNotOpen}
          </Typography.Text>
        ) : null}
        {extra}
      </Flex>
    </Card>
  );
}
