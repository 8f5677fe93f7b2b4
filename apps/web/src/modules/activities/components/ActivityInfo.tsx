import { Descriptions, Flex, Tag } from 'antd';
import type { Activity, OpenActivity } from '@linli/contracts/modules/activities';
import { formatDateTime } from '../../../lib/format';
import { useActivitiesWords } from '../words';

export function StatusTag({ status }: { status: Activity['status'] }) {
  const w = useActivitiesWords();
  const colour = { draft: 'default', published: 'blue', cancelled: 'red', finished: 'green' }[status];
  return (
    <Tag color={colour} data-testid="activity-status">
      {w.statuses[status]}
    </Tag>
  );
}

/** An activity's facts: when, where, who organises, what it serves, the roles with places taken. */
export function ActivityInfo({ activity: a }: { activity: Activity | OpenActivity }) {
  const w = useActivitiesWords();
  return (
    <Flex vertical gap={8}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={w.when}>
          {formatDateTime(a.startsAt)} – {formatDateTime(a.endsAt)}
        </Descriptions.Item>
        <Descriptions.Item label={w.address}>
          {[a.placeName, a.address].filter(Boolean).join(' · ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={w.type}>{w.types[a.type]}</Descriptions.Item>
        <Descriptions.Item label={w.organiser}>{a.organiserName}</Descriptions.Item>
        {a.teamName ? <Descriptions.Item label={w.team}>{a.teamName}</Descriptions.Item> : null}
        <Descriptions.Item label={w.signupClosesAt}>{formatDateTime(a.signupClosesAt)}</Descriptions.Item>
        {a.recurrence !== 'none' ? (
          <Descriptions.Item label={w.recurrence}>{w.recurrences[a.recurrence]}</Descriptions.Item>
        ) : null}
        {a.servesKind !== 'none' ? (
          <Descriptions.Item label={w.serves}>
            {w.servesKinds[a.servesKind]}
            {a.servesRef ? `：${a.servesRef}` : ''}
          </Descriptions.Item>
        ) : null}
        {a.description ? <Descriptions.Item label={w.description}>{a.description}</Descriptions.Item> : null}
        {a.requirements ? <Descriptions.Item label={w.requirements}>{a.requirements}</Descriptions.Item> : null}
      </Descriptions>
    </Flex>
  );
}
