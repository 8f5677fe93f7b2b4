import { Button, Card, DatePicker, Divider, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { NEED_DOMAINS } from '@linli/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import type { NeedDomain } from '../../../lib/types';
import type { CaseDetail, CasePlanInput } from '../ledger/types';
import { useOpenCase, useRevisePlan } from './api';
import { applyNestedFieldErrors } from './form-errors';

interface PlanValues {
  goals: { domain?: NeedDomain; goal?: string }[];
  tasks: { goalIndex?: number; title?: string; dueDate?: Dayjs | null }[];
}

function initialValues(existing?: CaseDetail): PlanValues {
  if (!existing) return { goals: [{}], tasks: [] };
  const index = new Map(existing.goals.map((g, i) => [g.id, i]));
  return {
    goals: existing.goals.map((g) => ({ domain: g.domain, goal: g.goal })),
    tasks: existing.tasks.map((task) => ({
      goalIndex: task.goalId ? index.get(task.goalId) : undefined,
      title: task.title,
      dueDate: task.dueDate ? dayjs(task.dueDate) : null,
    })),
  };
}

interface CasePlanModalProps {
  /** Opening a case for this client… */
  clientId?: string;
  /** …or revising this case's plan. */
  existing?: CaseDetail;
  onClose: (saved?: CaseDetail) => void;
}

/** The case plan: goals per need domain, and tasks tied to a goal with an optional due date. */
export function CasePlanModal({ clientId, existing, onClose }: CasePlanModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<PlanValues>();
  const open = useOpenCase();
  const revise = useRevisePlan();
  const mutation = existing ? revise : open;
  const goals = (Form.useWatch('goals', form) ?? []) as PlanValues['goals'];
  const required = { required: true, message: t('care2.required') };
  const minTwo = { min: 2, message: t('care2.minChars', { n: 2 }) };

  const handleFinish = (v: PlanValues) => {
    const plan: CasePlanInput = {
      goals: v.goals.map((g) => ({ domain: g.domain as NeedDomain, goal: (g.goal ?? '').trim() })),
      tasks: (v.tasks ?? []).map((task) => ({
        goalIndex: task.goalIndex ?? 0,
        title: (task.title ?? '').trim(),
        dueDate: task.dueDate ? task.dueDate.format('YYYY-MM-DD') : undefined,
      })),
    };
    const done = { onSuccess: (saved: CaseDetail) => onClose(saved), onError: (err: unknown) => applyNestedFieldErrors(form, err) };
    if (existing) revise.mutate({ id: existing.id, plan }, done);
    else open.mutate({ clientId: clientId ?? '', plan }, done);
  };

  const goalOptions = goals.map((g, i) => ({ value: i, label: `${t('care2.plan.goalN', { n: i + 1 })}${g?.goal ? `：${g.goal}` : ''}` }));

  return (
    <Modal
      open
      width={720}
      title={existing ? t('care2.plan.editTitle') : t('care2.plan.openTitle')}
      onCancel={() => onClose()}
      destroyOnHidden
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'plan-submit' }}
    >
      <Form form={form} layout="vertical" initialValues={initialValues(existing)} onFinish={handleFinish} data-testid="plan-form">
        <Typography.Title level={5}>{t('care2.plan.goals')}</Typography.Title>
        <Form.List name="goals">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" title={t('care2.plan.goalN', { n: i + 1 })}
                  extra={fields.length > 1 ? <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('care2.remove')} onClick={() => remove(field.name)} /> : null}>
                  <Flex wrap gap={8}>
                    <Form.Item name={[field.name, 'domain']} label={t('care2.plan.domain')} rules={[required]} style={{ width: 180, maxWidth: '100%', marginBottom: 0 }}>
                      <Select options={NEED_DOMAINS.map((d) => ({ value: d, label: t(`care.domain.${d}`) }))} data-testid={`plan-goal-domain-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'goal']} label={t('care2.plan.goal')} rules={[required, minTwo]} style={{ flex: '1 1 220px', marginBottom: 0 }}>
                      <Input maxLength={300} data-testid={`plan-goal-text-${i}`} />
                    </Form.Item>
                  </Flex>
                </Card>
              ))}
              {fields.length < 20 ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="plan-add-goal">
                  {t('care2.plan.addGoal')}
                </Button>
              ) : null}
            </Flex>
          )}
        </Form.List>
        <Divider />
        <Typography.Title level={5}>{t('care2.plan.tasks')}</Typography.Title>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} wrap gap={8} align="end">
                  <Form.Item name={[field.name, 'goalIndex']} label={t('care2.plan.taskGoal')} rules={[required]} style={{ width: 160, maxWidth: '100%', marginBottom: 0 }}>
                    <Select options={goalOptions} data-testid={`plan-task-goal-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'title']} label={t('care2.plan.taskTitle')} rules={[required, minTwo]} style={{ flex: '1 1 200px', marginBottom: 0 }}>
                    <Input maxLength={200} data-testid={`plan-task-title-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueDate']} label={t('care2.plan.dueDate')} style={{ width: 150, marginBottom: 0 }}>
                    <DatePicker style={{ width: '100%' }} data-testid={`plan-task-due-${i}`} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('care2.remove')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              {fields.length < 50 ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ goalIndex: 0 })} data-testid="plan-add-task">
                  {t('care2.plan.addTask')}
                </Button>
              ) : null}
            </Flex>
          )}
        </Form.List>
      </Form>
      <div style={{ marginTop: 12 }}>
        <ErrorAlert error={mutation.error} testId="plan-error" />
      </div>
    </Modal>
  );
}
