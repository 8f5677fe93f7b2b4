import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import {
  ACTIVITY_TYPES,
  ActivityInput,
  ActivityRoleInput,
  RECURRENCES,
  SERVES_KINDS,
  type ActivityType,
  type Recurrence,
  type ServesKind,
} from '@linli/contracts/modules/activities';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useActivitiesWords } from '../words';

/** The form's values: times as `datetime-local` text (China time), turned into the contract's input on submit. */
export interface ActivityFormValues {
  areaCode: string;
  teamId?: string | null;
  title: string;
  type: ActivityType;
  address?: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  recurrence: Recurrence;
  repeatUntil?: string;
  signupOpensAt?: string;
  signupClosesAt?: string;
  requirements?: string;
  servesKind: ServesKind;
  servesId?: string;
  servesRef?: string;
  roles: { name: string; capacity: number; description?: string }[];
  publish: boolean;
}

/** `2026-03-02T09:00` (China time, as a datetime-local field gives it) → ISO with the +08:00 offset. */
export const localToIso = (v: string | undefined | null) => (v ? `${v.length === 16 ? `${v}:00` : v}+08:00` : null);

/** An ISO instant → the datetime-local text in China time. */
export function isoToLocal(iso: Date): string {
  const china = new Date(iso.getTime() + 8 * 3_600_000);
  return china.toISOString().slice(0, 16);
}

export function toActivityInput(v: ActivityFormValues): ActivityInput {
  return {
    areaCode: v.areaCode,
    teamId: v.teamId || null,
    title: v.title,
    type: v.type,
    address: v.address ?? '',
    description: v.description ?? '',
    startsAt: localToIso(v.startsAt) ?? '',
    endsAt: localToIso(v.endsAt) ?? '',
    recurrence: v.recurrence,
    repeatUntil: v.recurrence === 'none' ? null : localToIso(v.repeatUntil),
    signupOpensAt: localToIso(v.signupOpensAt),
    signupClosesAt: localToIso(v.signupClosesAt),
    requirements: v.requirements ?? '',
    servesKind: v.servesKind,
    servesId: v.servesKind === 'wish' || v.servesKind === 'client' ? v.servesId || null : null,
    servesRef: v.servesKind === 'project' ? (v.servesRef ?? '') : '',
    roles: v.roles.map((r) => ({ name: r.name, capacity: r.capacity, description: r.description ?? '' })),
    publish: v.publish,
  };
}

export function defaultActivityValues(areaCode: string | undefined, teamId?: string): Partial<ActivityFormValues> {
  const start = new Date(Date.now() + 2 * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  return {
    areaCode,
    teamId: teamId ?? null,
    type: 'environment',
    recurrence: 'none',
    servesKind: 'none',
    startsAt: isoToLocal(start),
    endsAt: isoToLocal(new Date(start.getTime() + 2 * 3_600_000)),
    roles: [{ name: '志愿者', capacity: 10 }],
    publish: true,
  };
}

/**
 * The fields of an activity (staff's create dialog, a team leader's page on /m): what, where, when (one-off or a
 * series), sign-up window, requirements, what it serves (staff only), roles with places.
 */
export function ActivityFields({
  form,
  areas,
  teams,
  staff,
}: {
  form: FormInstance<ActivityFormValues>;
  areas: { value: string; label: string }[];
  teams: { value: string; label: string }[];
  staff: boolean;
}) {
  const w = useActivitiesWords();
  const { rules } = useSchemaForm();
  const shape = ActivityInput.shape;
  const recurrence = Form.useWatch('recurrence', form);
  const serves = Form.useWatch('servesKind', form);
  const dt = (name: keyof ActivityFormValues, label: string, required: boolean, testId: string) => (
    <Form.Item name={name} label={label} rules={[{ required }]}>
      <Input type="datetime-local" data-testid={testId} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="title" label={w.activityTitle} rules={rules(shape.title, { required: true })}>
        <Input maxLength={schemaLimits(shape.title).max} data-testid="activity-title" />
      </Form.Item>
      {staff ? (
        <Form.Item name="areaCode" label={w.area} rules={[{ required: true }]}>
          <Select options={areas} data-testid="activity-area" />
        </Form.Item>
      ) : null}
      <Form.Item name="teamId" label={w.team} rules={[{ required: !staff }]}>
        <Select allowClear={staff} options={teams} placeholder={w.noTeam} data-testid="activity-team" />
      </Form.Item>
      <Form.Item name="type" label={w.type} rules={[{ required: true }]}>
        <Select options={ACTIVITY_TYPES.map((t) => ({ value: t, label: w.types[t] }))} data-testid="activity-type" />
      </Form.Item>
      <Form.Item name="address" label={w.address} rules={rules(shape.address)}>
        <Input maxLength={200} data-testid="activity-address" />
      </Form.Item>
      <Form.Item name="description" label={w.description} rules={rules(shape.description)}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="activity-description" />
      </Form.Item>
      <Flex gap={8} wrap>
        {dt('startsAt', w.startsAt, true, 'activity-starts')}
        {dt('endsAt', w.endsAt, true, 'activity-ends')}
      </Flex>
      <Flex gap={8} wrap>
        <Form.Item name="recurrence" label={w.recurrence}>
          <Select
            style={{ minWidth: 120 }}
            options={RECURRENCES.map((r) => ({ value: r, label: w.recurrences[r] }))}
            data-testid="activity-recurrence"
          />
        </Form.Item>
        {recurrence && recurrence !== 'none' ? dt('repeatUntil', w.repeatUntil, true, 'activity-repeat-until') : null}
      </Flex>
      <Flex gap={8} wrap>
        {dt('signupOpensAt', `${w.signupOpensAt}${w.optional}`, false, 'activity-signup-opens')}
        {dt('signupClosesAt', `${w.signupClosesAt}${w.optional}`, false, 'activity-signup-closes')}
      </Flex>
      <Form.Item name="requirements" label={w.requirements} rules={rules(shape.requirements)}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="activity-requirements" />
      </Form.Item>
      {staff ? (
        <Flex gap={8} wrap>
          <Form.Item name="servesKind" label={w.serves}>
            <Select
              style={{ minWidth: 160 }}
              options={SERVES_KINDS.map((s) => ({ value: s, label: w.servesKinds[s] }))}
              data-testid="activity-serves"
            />
          </Form.Item>
          {serves === 'wish' || serves === 'client' ? (
            <Form.Item name="servesId" label={w.servesId} rules={[{ required: true }]}>
              <Input data-testid="activity-serves-id" />
            </Form.Item>
          ) : null}
          {serves === 'project' ? (
            <Form.Item name="servesRef" label={w.servesRef} rules={[{ required: true }]}>
              <Input maxLength={100} data-testid="activity-serves-ref" />
            </Form.Item>
          ) : null}
        </Flex>
      ) : null}
      <Form.List name="roles">
        {(fields, { add, remove }) => (
          <Card size="small" title={w.roles}>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} wrap align="start">
                <Form.Item
                  name={[field.name, 'name']}
                  label={w.roleName}
                  rules={rules(ActivityRoleInput.shape.name, { required: true })}
                >
                  <Input maxLength={40} data-testid={`activity-role-name-${i}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'capacity']}
                  label={w.capacity}
                  rules={rules(ActivityRoleInput.shape.capacity, { required: true })}
                >
                  <InputNumber min={1} max={500} data-testid={`activity-role-capacity-${i}`} />
                </Form.Item>
                {fields.length > 1 ? (
                  <Button style={{ marginTop: 30 }} onClick={() => remove(field.name)}>
                    ✕
                  </Button>
                ) : null}
              </Flex>
            ))}
            {fields.length < 10 ? (
              <Button onClick={() => add({ name: '', capacity: 5 })} data-testid="activity-role-add">
                {w.addRole}
              </Button>
            ) : null}
          </Card>
        )}
      </Form.List>
      <Form.Item name="publish" valuePropName="checked" style={{ marginTop: 12 }}>
        <Checkbox data-testid="activity-publish-now">{w.publishNow}</Checkbox>
      </Form.Item>
    </>
  );
}
