import { useState } from 'react';
import { Button, Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { CheckCircleTwoTone, ClockCircleOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { Can } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Loading } from '../../../../components/Loading';
import { PageHeader } from '../../../../components/PageHeader';
import { SimpleList } from '../../../../components/SimpleList';
import { type I18n, useI18n, type MessageKey } from '../../../../i18n';
import { formatDate, formatDateTime } from '../../../../lib/format';
import type { CaseDetail } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { useCase, type CaseStep } from '../api';
import { CasePlanModal } from '../components/CasePlanModal';
import { CaseStatusTag } from '../components/CaseStatusTag';
import { CaseStepModal } from '../components/CaseStepModal';

const EVENT_KINDS = [
  'opened',
  'plan_revised',
  'plan_approved',
  'plan_rejected',
  'close_requested',
  'closed',
  'closure_rejected',
  'reopened',
];

const STEP_BUTTONS: { action: string; step: CaseStep; label: MessageKey; primary?: boolean }[] = [
  { action: 'decide_plan', step: 'plan-decision', label: 'care.case.decidePlan', primary: true },
  { action: 'request_close', step: 'close', label: 'care.case.requestClose' },
  { action: 'decide_closure', step: 'closure-decision', label: 'care.case.decideClosure', primary: true },
  { action: 'reopen', step: 'reopen', label: 'care.case.reopen' },
];

function CaseBody({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const goalText = new Map(c.goals.map((g, i) => [g.id, t('care.case.plan.goalN', { n: i + 1 })]));
  const events = [...c.events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <>
      <Card size="small" title={t('care.case.goals')}>
        <SimpleList
          testId="case-goals"
          items={c.goals}
          rowKey={(g) => g.id}
          empty={t('care.case.noGoals')}
          renderItem={(g, i) => (
            <Flex wrap gap={8} align="center">
              <Typography.Text strong>{t('care.case.plan.goalN', { n: i + 1 })}</Typography.Text>
              <Tag>{t(`care.domain.${g.domain}`)}</Tag>
              <Typography.Text>{g.goal}</Typography.Text>
            </Flex>
          )}
        />
      </Card>
      <Card size="small" title={t('care.case.tasks')}>
        <SimpleList
          testId="case-tasks"
          items={c.tasks}
          rowKey={(task) => task.id}
          empty={t('care.case.noTasks')}
          renderItem={(task) => (
            <Flex wrap gap={8} align="center" data-testid={`case-task-${task.id}`} data-done={String(!!task.doneAt)}>
              {task.doneAt ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined />}
              <Typography.Text delete={!!task.doneAt}>{task.title}</Typography.Text>
              {task.goalId && goalText.has(task.goalId) ? <Tag>{goalText.get(task.goalId)}</Tag> : null}
              {task.dueDate ? (
                <Typography.Text type="secondary">{t('care.case.due', { date: task.dueDate })}</Typography.Text>
              ) : null}
              <Tag color={task.doneAt ? 'green' : 'default'}>
                {task.doneAt ? `${t('care.case.taskDone')} ${formatDate(task.doneAt)}` : t('care.case.taskOpen')}
              </Tag>
            </Flex>
          )}
        />
      </Card>
      <Card size="small" title={t('care.case.events')}>
        {events.length ? (
          <Timeline
            data-testid="case-events"
            items={events.map((e, i) => ({
              key: `${e.at}-${i}`,
              title: formatDateTime(e.at),
              content: (
                <>
                  <Typography.Text strong>
                    {EVENT_KINDS.includes(e.kind) ? t(`care.case.event.${e.kind}` as MessageKey) : e.kind}
                  </Typography.Text>
                  {e.note ? <Typography.Paragraph style={{ margin: 0 }}>{e.note}</Typography.Paragraph> : null}
                </>
              ),
            }))}
          />
        ) : (
          <Empty description={t('care.case.noEvents')} />
        )}
      </Card>
    </>
  );
}

export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const areas = useCareAreas();
  const kase = useCase(id);
  const [editing, setEditing] = useState(false);
  const [step, setStep] = useState<CaseStep | null>(null);

  if (kase.isPending) return <Loading />;
  if (kase.error || !kase.data) return <ErrorAlert error={kase.error} onRetry={() => void kase.refetch()} />;
  const c = kase.data;

  return (
    <>
      <PageHeader
        title={
          <Flex wrap gap={8} align="center">
            <span data-testid="case-client-name">{c.clientName}</span>
            <CaseStatusTag status={c.status} testId="case-status" />
          </Flex>
        }
        extra={
          <>
            <Can allowed={c.allowedActions} action="edit_plan">
              <Button onClick={() => setEditing(true)} data-testid="case-edit-plan">
                {t('care.case.editPlan')}
              </Button>
            </Can>
            {STEP_BUTTONS.map((b) => (
              <Can key={b.action} allowed={c.allowedActions} action={b.action}>
                <Button
                  type={b.primary ? 'primary' : 'default'}
                  onClick={() => setStep(b.step)}
                  data-testid={`case-${b.step}`}
                >
                  {t(b.label)}
                </Button>
              </Can>
            ))}
          </>
        }
      />
      <Flex vertical gap={16} style={{ maxWidth: 1080 }}>
        <Flex wrap gap={16}>
          <Link to="/care/cases">{t('care.case.back')}</Link>
          <Link to={`/care/clients/${c.clientId}`} data-testid="case-client-link">
            {t('care.case.viewClient')}
          </Link>
          <Typography.Text type="secondary">
            {areas.nameOf(c.communityCode)} · {t('care.case.openedAt')} {formatDateTime(c.openedAt)}
          </Typography.Text>
        </Flex>
        {c.closingReason ? (
          <Typography.Text>{t('care.case.closingReason', { reason: c.closingReason })}</Typography.Text>
        ) : null}
        <CaseBody c={c} />
      </Flex>
      {editing ? <CasePlanModal existing={c} onClose={() => setEditing(false)} /> : null}
      {step ? (
        <CaseStepModal caseId={c.id} step={step} summary={decisionSummary(t, c, step)} onClose={() => setStep(null)} />
      ) : null}
    </>
  );
}

/** What approving or rejecting will do, for the decision steps (the approval queue says the same). */
function decisionSummary(t: I18n['t'], c: CaseDetail, step: CaseStep) {
  if (step === 'plan-decision')
    return {
      approve: t('care.case.approvals.planApprove', { name: c.clientName, n: c.goals.length }),
      reject: t('care.case.approvals.planReject', { name: c.clientName }),
    };
  if (step === 'closure-decision')
    return {
      approve: t('care.case.approvals.closureApprove', { name: c.clientName, reason: c.closingReason ?? '—' }),
      reject: t('care.case.approvals.closureReject', { name: c.clientName }),
    };
  return undefined;
}
