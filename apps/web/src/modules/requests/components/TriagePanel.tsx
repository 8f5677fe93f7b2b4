import { useState } from 'react';
import { Button, Card, Flex, Form, Input, Radio, Segmented, Select } from 'antd';
import {
  REQUEST_URGENCIES,
  RequestTriageInput,
  type RequestDetail,
  type RequestTriageInput as TriageInput,
} from '@linli/contracts/modules/requests';
import { can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useRoute, useTriage } from '../api';
import { groupCategories, useStaffCategories } from '../categories';
import { URGENCY_WORDS, useCoreWords } from '../core-words';
import { RejectModal } from './ActionModals';
import { Duplicates } from './Duplicates';
import { UnitFields, unitOut, type UnitFormValues } from './UnitFields';

interface TriageValues {
  categoryId: string;
  urgency: 'urgent' | 'normal';
  publicText?: string;
  routeTo: 'rule' | 'choose';
  unit?: UnitFormValues;
}

/**
 * 分拣: correct the category, set 紧急 / 一般, write the public text, then route (by the catalogue's rule or to a chosen
 * unit); or merge into a suggested duplicate, or reject with a reason the requester sees.
 */
export function TriagePanel({ request }: { request: RequestDetail }) {
  const w = useCoreWords();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<TriageValues>();
  const routeTo = Form.useWatch('routeTo', form);
  const categories = useStaffCategories(request.areaCode);
  const triage = useTriage({ form });
  const route = useRoute({ form, success: 'app.done' });
  const [rejecting, setRejecting] = useState(false);
  const field = RequestTriageInput.shape;

  const changes = (v: TriageValues): TriageInput => {
    const input: TriageInput = {};
    if (v.categoryId && v.categoryId !== request.category.id) input.categoryId = v.categoryId;
    if (v.urgency !== request.urgency) input.urgency = v.urgency;
    const text = v.publicText?.trim() || null;
    if (text !== request.publicText) input.publicText = text;
    return input;
  };
  const save = async (v: TriageValues) => {
    const input = changes(v);
    if (Object.keys(input).length && can(request.allowedActions, 'triage'))
      await triage.mutateAsync({ id: request.id, input });
  };
  const submit = async (v: TriageValues) => {
    await save(v);
    await route.mutateAsync({
      id: request.id,
      unit: v.routeTo === 'choose' && v.unit ? unitOut(v.unit, request.areaCode) : undefined,
    });
  };

  const categoryOptions = groupCategories(categories.data ?? []).map((g) => ({
    label: g.group,
    title: g.group,
    options: g.items.map((c) => ({ value: c.id, label: c.name })),
  }));
  if (!categoryOptions.some((g) => g.options.some((o) => o.value === request.category.id)))
    categoryOptions.unshift({
      label: '',
      title: '',
      options: [{ value: request.category.id, label: request.category.name }],
    });

  return (
    <Card size="small" title={w.triageAct} data-testid="request-triage">
      <Form<TriageValues>
        form={form}
        layout="vertical"
        initialValues={{
          categoryId: request.category.id,
          urgency: request.urgency,
          publicText: request.publicText ?? '',
          routeTo: 'rule',
          unit: { kind: 'community' },
        }}
        onFinish={(v) => void submit(v).catch(() => undefined)}
      >
        <Form.Item name="categoryId" label={w.category}>
          <Select
            showSearch
            optionFilterProp="label"
            options={categoryOptions}
            loading={categories.isPending}
            aria-label={w.category}
            data-testid="triage-category"
          />
        </Form.Item>
        <Form.Item name="urgency" label={w.urgency}>
          <Segmented
            data-testid="triage-urgency"
            options={REQUEST_URGENCIES.map((u) => ({ value: u, label: w.say(URGENCY_WORDS, u) }))}
          />
        </Form.Item>
        <Form.Item name="publicText" label={w.publicText} extra={w.publicTextHint} rules={rules(field.publicText)}>
          <Input.TextArea
            rows={2}
            maxLength={schemaLimits(field.publicText).max}
            showCount
            data-testid="triage-public-text"
          />
        </Form.Item>
        {can(request.allowedActions, 'route') ? (
          <>
            <Form.Item name="routeTo" label={w.routeTo}>
              <Radio.Group data-testid="triage-route-to">
                <Radio value="rule">{w.routeByRule}</Radio>
                <Radio value="choose" data-testid="triage-route-choose">
                  {w.routeChoose}
                </Radio>
              </Radio.Group>
            </Form.Item>
            {routeTo === 'choose' ? <UnitFields communityCode={request.areaCode} /> : null}
          </>
        ) : null}
        <ErrorAlert error={triage.alertError ?? route.alertError} />
        <Flex wrap gap={8} style={{ marginTop: 8 }}>
          {can(request.allowedActions, 'route') ? (
            <Button type="primary" htmlType="submit" loading={route.isPending} data-testid="triage-route">
              {w.saveTriage}
            </Button>
          ) : null}
          {can(request.allowedActions, 'triage') ? (
            <Button
              loading={triage.isPending}
              onClick={() =>
                void form
                  .validateFields()
                  .then(save)
                  .catch(() => undefined)
              }
              data-testid="triage-save"
            >
              {w.saveOnly}
            </Button>
          ) : null}
          {can(request.allowedActions, 'reject') ? (
            <Button danger onClick={() => setRejecting(true)} data-testid="triage-reject">
              {w.reject}
            </Button>
          ) : null}
        </Flex>
      </Form>
      {can(request.allowedActions, 'merge') ? <Duplicates request={request} /> : null}
      {rejecting ? <RejectModal request={request} onClose={() => setRejecting(false)} /> : null}
    </Card>
  );
}
