import { useEffect, useState } from 'react';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { STAR_PRESETS, type StarPreset } from '@linli/contracts/modules/hours';
import { Can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSession } from '../../auth';
import { useIssuer, useSetIssuer, useSetStarRule, useStarRule } from '../api';
import { useHoursWords } from '../words';
import { useDistrictNames } from './useDistrictNames';

function StarSettings() {
  const w = useHoursWords();
  const { districts, nameOf } = useDistrictNames();
  const [district, setDistrict] = useState(districts[0]);
  const rule = useStarRule(district);
  const save = useSetStarRule({ success: () => w.saved });
  const [form] = Form.useForm<{ preset: StarPreset; thresholds: number[] }>();
  const preset = Form.useWatch('preset', form);
  useEffect(() => {
    if (rule.data) form.setFieldsValue({ preset: rule.data.preset, thresholds: rule.data.thresholds });
  }, [rule.data, form]);
  useEffect(() => {
    if (preset && preset !== 'custom') form.setFieldsValue({ thresholds: [...STAR_PRESETS[preset]] });
  }, [preset, form]);
  return (
    <Card title={w.stars} size="small">
      <Flex vertical gap={8}>
        {districts.length > 1 ? (
          <Select
            aria-label={w.district}
            value={district}
            onChange={setDistrict}
            options={districts.map((d) => ({ value: d, label: nameOf(d) }))}
          />
        ) : null}
        {rule.data && !rule.data.configured ? (
          <Typography.Text type="secondary">{w.defaultRule}</Typography.Text>
        ) : null}
        <ErrorAlert error={rule.error ?? save.alertError} />
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutateAsync({ areaCode: district!, preset: v.preset, thresholds: v.thresholds })}
        >
          <Form.Item name="preset" label={w.preset} rules={[{ required: true }]}>
            <Select
              data-testid="hours-star-preset"
              options={(['national', 'beijing', 'custom'] as const).map((p) => ({ value: p, label: w.presets[p] }))}
            />
          </Form.Item>
          <Flex gap={8} wrap>
            {[0, 1, 2, 3, 4].map((i) => (
              <Form.Item key={i} name={['thresholds', i]} label={w.level(i + 1)} rules={[{ required: true }]}>
                <InputNumber min={1} max={100000} disabled={preset !== 'custom'} data-testid={`hours-star-${i + 1}`} />
              </Form.Item>
            ))}
          </Flex>
          <Can permission="hours.settings">
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="hours-star-save">
              {w.save}
            </Button>
          </Can>
        </Form>
      </Flex>
    </Card>
  );
}

function IssuerSettingsCard() {
  const w = useHoursWords();
  const session = useSession();
  const communities = session.areas.filter((a) => a.level === 'community');
  const [areaCode, setAreaCode] = useState(communities[0]?.code);
  const issuer = useIssuer(areaCode);
  const save = useSetIssuer({ success: () => w.saved });
  const [form] = Form.useForm<{ personInCharge: string; handlerName: string; contactPhone: string }>();
  useEffect(() => {
    if (issuer.data) form.setFieldsValue(issuer.data);
  }, [issuer.data, form]);
  if (!communities.length) return null;
  return (
    <Card title={w.issuerTitle} size="small">
      <Flex vertical gap={8}>
        <Select
          value={areaCode}
          onChange={setAreaCode}
          aria-label={w.community}
          options={communities.map((a) => ({ value: a.code, label: a.name }))}
        />
        <ErrorAlert error={issuer.error ?? save.alertError} />
        <Form form={form} layout="vertical" onFinish={(v) => save.mutateAsync({ areaCode: areaCode!, ...v })}>
          <Form.Item name="personInCharge" label={w.personInCharge} rules={[{ required: true, max: 40 }]}>
            <Input data-testid="hours-issuer-person" />
          </Form.Item>
          <Form.Item name="handlerName" label={w.handler} rules={[{ required: true, max: 40 }]}>
            <Input data-testid="hours-issuer-handler" />
          </Form.Item>
          <Form.Item name="contactPhone" label={w.contactPhone} rules={[{ required: true, min: 5, max: 20 }]}>
            <Input data-testid="hours-issuer-phone" />
          </Form.Item>
          <Can permission="hours.settings">
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="hours-issuer-save">
              {w.save}
            </Button>
          </Can>
        </Form>
      </Flex>
    </Card>
  );
}

/** Star thresholds of the district and who signs the community's certificates. */
export function HoursSettings() {
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <StarSettings />
      <IssuerSettingsCard />
    </Flex>
  );
}
