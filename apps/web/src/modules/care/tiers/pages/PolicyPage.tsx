import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Form, InputNumber, Row, Select, Tag, Typography } from 'antd';
import { TIERS, TierPolicyRules } from '@linli/contracts';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Loading } from '../../../../components/Loading';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n, type MessageKey } from '../../../../i18n';
import { schemaLimits, useSchemaForm, type Schema } from '../../../../lib/schema-form';
import { useSession } from '../../../auth';
import { TierTag } from '../../shared/CareTags';
import type { TierPolicy, TierPolicyRules as Rules, TierPolicyUpdateResult } from '../../shared/types';
import { usePolicy, useSavePolicy } from '../api';

/** The limits of every number come from the TierPolicyRules contract. */
const rule = {
  cadenceDays: TierPolicyRules.shape.cadenceDays.valueType,
  reassessMonths: TierPolicyRules.shape.reassessMonths.valueType,
  redIfAnyAtLeast: TierPolicyRules.shape.redIfAnyAtLeast,
  yellowIfCountAtLeast2: TierPolicyRules.shape.yellowIfCountAtLeast2,
  supervisorAfterDays: TierPolicyRules.shape.escalation.unwrap().shape.supervisorAfterDays,
  streetAfterDays: TierPolicyRules.shape.escalation.unwrap().shape.streetAfterDays,
};

function NumberField({ name, label, schema }: { name: (string | number)[]; label: ReactNode; schema: Schema }) {
  const { rules } = useSchemaForm();
  const { min, max } = schemaLimits(schema);
  return (
    <Form.Item name={name} label={label} rules={rules(schema)}>
      <InputNumber
        min={min}
        max={max}
        precision={0}
        style={{ width: '100%' }}
        data-testid={`policy-${name.join('-')}`}
      />
    </Form.Item>
  );
}

function Section({ title, children }: { title: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t(title)}
      </Typography.Title>
      <Row gutter={12}>{children}</Row>
    </>
  );
}

function PolicyForm({ policy, onSaved }: { policy: TierPolicy; onSaved: (r: TierPolicyUpdateResult) => void }) {
  const { t } = useI18n();
  const { validate } = useSchemaForm();
  const [form] = Form.useForm<Rules>();
  const save = useSavePolicy({ form });
  const col = { xs: 24, sm: 8 };
  const handleFinish = (values: Rules) => {
    const rules = validate(form, TierPolicyRules, values);
    if (rules && !save.isPending) save.mutate({ code: policy.areaCode, rules }, { onSuccess: onSaved });
  };
  return (
    <Form form={form} layout="vertical" initialValues={policy.rules} onFinish={handleFinish}>
      <Section title="care.tiers.policy.cadence">
        {TIERS.map((tier) => (
          <Col key={tier} {...col}>
            <NumberField name={['cadenceDays', tier]} label={<TierTag tier={tier} />} schema={rule.cadenceDays} />
          </Col>
        ))}
      </Section>
      <Section title="care.tiers.policy.reassess">
        {TIERS.map((tier) => (
          <Col key={tier} {...col}>
            <NumberField name={['reassessMonths', tier]} label={<TierTag tier={tier} />} schema={rule.reassessMonths} />
          </Col>
        ))}
      </Section>
      <Section title="care.tiers.policy.thresholds">
        <Col xs={24} sm={12}>
          <NumberField
            name={['redIfAnyAtLeast']}
            label={t('care.tiers.policy.redIfAnyAtLeast')}
            schema={rule.redIfAnyAtLeast}
          />
        </Col>
        <Col xs={24} sm={12}>
          <NumberField
            name={['yellowIfCountAtLeast2']}
            label={t('care.tiers.policy.yellowIfCountAtLeast2')}
            schema={rule.yellowIfCountAtLeast2}
          />
        </Col>
      </Section>
      <Section title="care.tiers.policy.escalation">
        <Col xs={24} sm={12}>
          <NumberField
            name={['escalation', 'supervisorAfterDays']}
            label={t('care.tiers.policy.supervisorAfterDays')}
            schema={rule.supervisorAfterDays}
          />
        </Col>
        <Col xs={24} sm={12}>
          <NumberField
            name={['escalation', 'streetAfterDays']}
            label={t('care.tiers.policy.streetAfterDays')}
            schema={rule.streetAfterDays}
          />
        </Col>
      </Section>
      <ErrorAlert error={save.alertError} testId="policy-error" />
      <Button
        type="primary"
        htmlType="submit"
        loading={save.isPending}
        disabled={save.isPending}
        data-testid="policy-submit"
        style={{ marginTop: 8 }}
      >
        {t('care.tiers.policy.submit')}
      </Button>
    </Form>
  );
}

/** Tier policy of one of the session's communities or districts: cadence, re-assessment, thresholds, escalation. */
export default function PolicyPage() {
  const { t } = useI18n();
  const session = useSession();
  const areas = session.areas.filter((a) => a.level === 'community' || a.level === 'district');
  const [code, setCode] = useState<string | undefined>(areas[0]?.code);
  // Kept here: saving bumps the version, which remounts the form with the saved values.
  const [result, setResult] = useState<TierPolicyUpdateResult | null>(null);
  const policy = usePolicy(code);
  const p = policy.data;
  return (
    <>
      <PageHeader title={t('care.tiers.policy.title')} />
      <Card size="small" style={{ maxWidth: 720 }}>
        {areas.length === 0 ? <Empty description={t('care.tiers.policy.noArea')} /> : null}
        <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('care.tiers.policy.area')}</Typography.Text>
          <Select
            value={code}
            onChange={(next: string) => {
              setCode(next);
              setResult(null);
            }}
            style={{ minWidth: 180, maxWidth: '100%' }}
            data-testid="policy-area"
            aria-label={t('care.tiers.policy.area')}
            options={areas.map((a) => ({ value: a.code, label: a.name }))}
          />
          {p ? (
            <>
              <Tag color={p.inherited ? 'default' : 'blue'} data-testid="policy-inherited" data-inherited={p.inherited}>
                {p.inherited ? t('care.tiers.policy.inherited') : t('care.tiers.policy.own')}
              </Tag>
              <Typography.Text type="secondary" data-testid="policy-version">
                {t('care.tiers.policy.version', { v: p.version })}
              </Typography.Text>
            </>
          ) : null}
        </Flex>
        <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
        {policy.isPending && code ? <Loading /> : null}
        {p ? <PolicyForm key={`${p.areaCode}-${p.version}`} policy={p} onSaved={setResult} /> : null}
        {result && result.areaCode === code ? (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            data-testid="policy-result"
            data-replanned={result.replanned}
            title={t('care.tiers.policy.result', { n: result.replanned })}
          />
        ) : null}
      </Card>
    </>
  );
}
