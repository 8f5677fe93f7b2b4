import type { ReactNode } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { SimpleList } from '../../../components/SimpleList';
import { useI18n } from '../../../i18n';
import { TierTag } from '../../care';
import type { MyDay } from '../api';

interface ListCardProps<T> {
  id: string;
  title: string;
  list: { count: number; items: T[] };
  rowKey: (item: T) => string;
  render: (item: T) => ReactNode;
}

/** One list of the day (its tile on the 工作台 scrolls here): the first rows, and how many more there are. */
function ListCard<T>({ id, title, list, rowKey, render }: ListCardProps<T>) {
  const { t } = useI18n();
  const more = list.count - list.items.length;
  if (!list.count) return null; // its tile already says 0
  return (
    <Col xs={24} lg={8}>
      <Card id={id} size="small" title={title} style={{ height: '100%', scrollMarginTop: 72 }}>
        <SimpleList testId={id} items={list.items} rowKey={rowKey} empty={t('home.mine.none')} renderItem={render} />
        {more > 0 ? <Typography.Text>{t('home.mine.more', { n: more })}</Typography.Text> : null}
      </Card>
    </Col>
  );
}

/** What waits on a caseworker besides visits (only the lists with something in them): reassessments, tasks, referrals. */
export function MyLists({ mine }: { mine: MyDay }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <ListCard
        id="home-reassessments"
        title={t('home.mine.reassessments')}
        list={mine.reassessments}
        rowKey={(r) => r.clientId}
        render={(r) => (
          <>
            <span>
              <Link to={`/care/clients/${r.clientId}`}>{r.clientName}</Link> <TierTag tier={r.tier} />
            </span>
            <Typography.Text>{t('home.mine.reassessDue', { date: r.dueOn })}</Typography.Text>
          </>
        )}
      />
      <ListCard
        id="home-tasks"
        title={t('home.mine.tasks')}
        list={mine.tasks}
        rowKey={(task) => task.id}
        render={(task) => (
          <>
            <span style={{ minWidth: 0 }}>
              <Link to={`/care/cases/${task.caseId}`}>{task.title}</Link> · {task.clientName}
            </span>
            <Typography.Text>
              {task.dueDate ? t('home.mine.taskDue', { date: task.dueDate }) : t('home.mine.taskNoDue')}
            </Typography.Text>
          </>
        )}
      />
      <ListCard
        id="home-referrals"
        title={t('home.mine.referrals')}
        list={mine.referrals}
        rowKey={(r) => r.id}
        render={(r) => (
          <>
            <span style={{ minWidth: 0 }}>
              <Link to={`/care/clients/${r.clientId}`}>{r.clientName}</Link> · {r.providerName}
            </span>
            <Typography.Text>{t(`care.referral.status.${r.status}`)}</Typography.Text>
          </>
        )}
      />
    </Row>
  );
}
