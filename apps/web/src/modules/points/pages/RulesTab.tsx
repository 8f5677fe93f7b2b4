import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, InputNumber } from 'antd';
import { ACTIVITY_TYPES, PointRuleInput } from '@linli/contracts/modules/points';
import { DataTable } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import { usePointRules, useSetPointRule } from '../api';
import { usePointsWords } from '../words';

/** 积分规则: the district's rule in force, its versions, and (district officers) a new version. */
export function RulesTab({ areaCode }: { areaCode: string | undefined }) {
  const w = usePointsWords();
  const rules = usePointRules(areaCode);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{
    effectiveFrom: string;
    pointsPerHour: number;
    monthlyCap: number;
    note?: string;
    typeRates?: Record<string, number | null>;
  }>();
  const set = useSetPointRule({ form });
  const schema = useSchemaForm();
  const r = rules.data;
  if (!r) return <ErrorAlert error={rules.error} />;
  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon message={w.rulesHint} />
      <Card title={w.inForce} size="small" data-testid="points-rule-in-force">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={w.effectiveFrom}>{r.inForce.effectiveFrom ?? w.defaults}</Descriptions.Item>
          <Descriptions.Item label={w.pointsPerHour}>{r.inForce.pointsPerHour}</Descriptions.Item>
          <Descriptions.Item label={w.monthlyCap}>{r.inForce.monthlyCap}</Descriptions.Item>
          <Descriptions.Item label={w.typeRates}>
            {Object.entries(r.inForce.typeRates)
              .map(([k, v]) => `${k}: ${v}`)
              .join('，') || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {r.allowedActions.includes('set') ? (
        <Flex justify="end">
          <Button type="primary" onClick={() => setAdding(true)} data-testid="points-rule-new">
            {w.newVersion}
          </Button>
        </Flex>
      ) : (
        <Alert type="warning" message={w.districtOnly} />
      )}
      <DataTable
        testId="points-rule-versions"
        rowKey={(v) => v.id}
        columns={[
          { key: 'from', title: w.effectiveFrom, card: 'title', render: (v) => v.effectiveFrom },
          { key: 'rate', title: w.pointsPerHour, render: (v) => v.pointsPerHour },
          { key: 'cap', title: w.monthlyCap, render: (v) => v.monthlyCap },
          {
            key: 'types',
            title: w.typeRates,
            render: (v) =>
              Object.entries(v.typeRates)
                .map(([k, n]) => `${k}: ${n}`)
                .join('，'),
          },
          { key: 'note', title: w.note, render: (v) => v.note },
          { key: 'at', title: w.time, render: (v) => formatDateTime(v.createdAt) },
        ]}
        items={r.versions}
        query={rules}
        empty={w.defaults}
      />
      {adding ? (
        <FormModal
          title={w.newVersion}
          form={form}
          onClose={() => setAdding(false)}
          error={set.alertError}
          okTestId="points-rule-ok"
          initialValues={{ pointsPerHour: r.inForce.pointsPerHour, monthlyCap: r.inForce.monthlyCap }}
          onSubmit={(v) =>
            set
              .mutateAsync({
                districtCode: r.districtCode,
                effectiveFrom: v.effectiveFrom,
                pointsPerHour: v.pointsPerHour,
                monthlyCap: v.monthlyCap,
                note: v.note ?? '',
                typeRates: Object.fromEntries(
                  Object.entries(v.typeRates ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'),
                ),
              })
              .then(() => setAdding(false))
          }
        >
          <Form.Item
            name="effectiveFrom"
            label={w.effectiveFrom}
            rules={schema.rules(PointRuleInput.shape.effectiveFrom, { required: true })}
          >
            <Input placeholder="2026-01-01" data-testid="points-rule-from" />
          </Form.Item>
          <Form.Item name="pointsPerHour" label={w.pointsPerHour} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} precision={0} data-testid="points-rule-rate" />
          </Form.Item>
          <Form.Item name="monthlyCap" label={w.monthlyCap} rules={[{ required: true }]}>
            <InputNumber min={0} max={100000} precision={0} data-testid="points-rule-cap" />
          </Form.Item>
          {ACTIVITY_TYPES.map((type) => (
            <Form.Item key={type} name={['typeRates', type]} label={`${w.typeRates}: ${type}`}>
              <InputNumber min={0} max={1000} precision={0} data-testid={`points-rule-type-${type}`} />
            </Form.Item>
          ))}
          <Form.Item name="note" label={w.note}>
            <Input maxLength={200} data-testid="points-rule-note" />
          </Form.Item>
        </FormModal>
      ) : null}
    </Flex>
  );
}
