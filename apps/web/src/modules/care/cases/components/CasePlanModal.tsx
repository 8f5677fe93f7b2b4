import { Button, Card, DatePicker, Divider, Flex, Form, Input, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { CasePlanInput, NEED_DOMAINS } from '@linli/contracts';
import { FormModal } from '../../../../components/FormModal';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import type { CaseDetail, NeedDomain } from '../../shared/types';
import { useOpenCase, useRevisePlan } from '../api';

interface PlanValues {
  goals: { domain?: NeedDomain; goal?: string }[];
  tasks: { goalIndex?: number; title?: string; dueDate?: Dayjs | null }[];
}

/** Every limit (goal and task counts, text lengths) comes from the CasePlanInput contract. */
const goal = CasePlanInput.shape.goals.element.shape;
const task = CasePlanInput.shape.tasks.element.shape;
const MAX_GOALS = schemaLimits(CasePlanInput.shape.goals).max ?? Infinity;
const MAX_TASKS = schemaLimits(CasePlanInput.shape.tasks).max ?? Infinity;
const toDate = (value: unknown) => (dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value);

function initialValues(existing?: CaseDetail): PlanValues {
  if (!existing) return { goals: [{}], tasks: [] };
  const index = new Map(existing.goals.map((g, i) => [g.id, i]));
  return {
    goals: existing.goals.map((g) => ({ domain: g.domain, goal: g.goal })),
    tasks: existing.tasks.map((tk) => ({
      goalIndex: tk.goalId ? index.get(tk.goalId) : undefined,
      title: tk.title,
      dueDate: tk.dueDate ? dayjs(tk.dueDate) : null,
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
  const { validate } = useSchemaForm();
  const [form] = Form.useForm<PlanValues>();
  const open = useOpenCase({ form });
  const revise = useRevisePlan({ form });
  const mutation = existing ? revise : open;
  const goals = (Form.useWatch('goals', form) ?? []) as PlanValues['goals'];

  const handleSubmit = (v: PlanValues) => {
    const plan = validate(form, CasePlanInput, {
      goals: v.goals.map((g) => ({ domain: g.domain, goal: (g.goal ?? '').trim() })),
      tasks: (v.tasks ?? []).map((tk) => ({
        goalIndex: tk.goalIndex ?? 0,
        title: (tk.title ?? '').trim(),
        dueDate: tk.dueDate ? tk.dueDate.format('YYYY-MM-DD') : undefined,
      })),
    });
    if (!plan) return;
    const saving = existing
      ? revise.mutateAsync({ id: existing.id, plan })
      : open.mutateAsync({ clientId: clientId ?? '', plan });
    return saving.then((saved) => onClose(saved));
  };

  const goalOptions = goals.map((g, i) => ({
    value: i,
    label: `${t('care.case.plan.goalN', { n: i + 1 })}${g?.goal ? `：${g.goal}` : ''}`,
  }));

  return (
    <FormModal
      width={720}
      title={existing ? t('care.case.plan.editTitle') : t('care.case.plan.openTitle')}
      form={form}
      onSubmit={handleSubmit}
      onClose={() => onClose()}
      initialValues={initialValues(existing)}
      okText={t('app.save')}
      okTestId="plan-submit"
      formTestId="plan-form"
      error={mutation.alertError}
      errorTestId="plan-error"
    >
      <Typography.Title level={5}>{t('care.case.plan.goals')}</Typography.Title>
      <GoalList />
      <Divider />
      <Typography.Title level={5}>{t('care.case.plan.tasks')}</Typography.Title>
      <TaskList goalOptions={goalOptions} />
    </FormModal>
  );
}

/** The goals: a need domain and what is to be achieved, at least one. */
function GoalList() {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  return (
    <Form.List name="goals">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              title={t('care.case.plan.goalN', { n: i + 1 })}
              extra={
                fields.length > 1 ? (
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('app.remove')}
                    onClick={() => remove(f.name)}
                  />
                ) : null
              }
            >
              <Flex wrap gap={8}>
                <Form.Item
                  name={[f.name, 'domain']}
                  label={t('care.case.plan.domain')}
                  rules={rules(goal.domain)}
                  style={{ width: 180, maxWidth: '100%', marginBottom: 0 }}
                >
                  <Select
                    options={NEED_DOMAINS.map((d) => ({ value: d, label: t(`care.domain.${d}`) }))}
                    data-testid={`plan-goal-domain-${i}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'goal']}
                  label={t('care.case.plan.goal')}
                  rules={rules(goal.goal)}
                  style={{ flex: '1 1 220px', marginBottom: 0 }}
                >
                  <Input maxLength={schemaLimits(goal.goal).max} data-testid={`plan-goal-text-${i}`} />
                </Form.Item>
              </Flex>
            </Card>
          ))}
          {fields.length < MAX_GOALS ? (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="plan-add-goal">
              {t('care.case.plan.addGoal')}
            </Button>
          ) : null}
        </Flex>
      )}
    </Form.List>
  );
}

/** The tasks, each under a goal (chosen by its number), with an optional due date. */
function TaskList({ goalOptions }: { goalOptions: { value: number; label: string }[] }) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  return (
    <Form.List name="tasks">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((f, i) => (
            <Flex key={f.key} wrap gap={8} align="end">
              <Form.Item
                name={[f.name, 'goalIndex']}
                label={t('care.case.plan.taskGoal')}
                rules={rules(task.goalIndex)}
                style={{ width: 160, maxWidth: '100%', marginBottom: 0 }}
              >
                <Select options={goalOptions} data-testid={`plan-task-goal-${i}`} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'title']}
                label={t('care.case.plan.taskTitle')}
                rules={rules(task.title)}
                style={{ flex: '1 1 200px', marginBottom: 0 }}
              >
                <Input maxLength={schemaLimits(task.title).max} data-testid={`plan-task-title-${i}`} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'dueDate']}
                label={t('care.case.plan.dueDate')}
                rules={rules(task.dueDate, { map: toDate })}
                style={{ width: 150, marginBottom: 0 }}
              >
                <DatePicker style={{ width: '100%' }} data-testid={`plan-task-due-${i}`} />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('app.remove')}
                onClick={() => remove(f.name)}
              />
            </Flex>
          ))}
          {fields.length < MAX_TASKS ? (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ goalIndex: 0 })}
              data-testid="plan-add-task"
            >
              {t('care.case.plan.addTask')}
            </Button>
          ) : null}
        </Flex>
      )}
    </Form.List>
  );
}
