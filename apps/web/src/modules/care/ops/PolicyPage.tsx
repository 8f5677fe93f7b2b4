import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Form, InputNumber, Row, Select, Tag, Typography } from 'antd';
import { TIERS } from '@linli/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n, type MessageKey } from '../../../i18n';
import { useSession } from '../../auth/api';
import { TierTag } from '../components/CareTags';
import { usePolicy, useSavePolicy, type TierPolicy, type TierPolicyRules, type TierPolicyUpdateResult } from './api';

function NumberField({ name, label, min, max }: { name: (string | number)[]; label: ReactNode; min: number; max: number }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('care3.required') }]}>
      <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} data-testid={`policy-${name.join('-')}`} />
    </Form.Item>
  );
}

function Section({ title, children }: { title: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>{t(title)}</Typography.Title>
      <Row gutter={12}>{children}</Row>
    </>
  );
}

function PolicyForm({ policy, onSaved }: { policy: TierPolicy; onSaved: (r: TierPolicyUpdateResult) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<TierPolicyRules>();
  const save = useSavePolicy();
  const col = { xs: 24, sm: 8 };
  return (
    <Form form={form} layout="vertical" initialValues={policy.rules} onFinish={(rules) => save.mutate({ code: policy.areaCode, rules }, { onSuccess: onSaved })}>
      <Section title="care3.policy.cadence">
        {TIERS.map((tier) => (
          <Col key={tier} {...col}><NumberField name={['cadenceDays', tier]} label={<TierTag tier={tier} />} min={1} max={730} /></Col>
        ))}
      </Section>
      <Section title="care3.policy.reassess">
        {TIERS.map((tier) => (
          <Col key={tier} {...col}><NumberField name={['reassessMonths', tier]} label={<TierTag tier={tier} />} min={1} max={36} /></Col>
        ))}
      </Section>
      <Section title="care3.policy.thresholds">
        <Col xs={24} sm={12}><NumberField name={['redIfAnyAtLeast']} label={t('care3.policy.redIfAnyAtLeast')} min={1} max={3} /></Col>
        <Col xs={24} sm={12}><NumberField name={['yellowIfCountAtLeast2']} label={t('care3.policy.yellowIfCountAtLeast2')} min={1} max={7} /></Col>
      </Section>
      <Section title="care3.policy.escalation">
        <Col xs={24} sm={12}><NumberField name={['escalation', 'supervisorAfterDays']} label={t('care3.policy.supervisorAfterDays')} min={1} max={90} /></Col>
        <Col xs={24} sm={12}><NumberField name={['escalation', 'streetAfterDays']} label={t('care3.policy.streetAfterDays')} min={1} max={180} /></Col>
      </Section>
      <ErrorAlert error={save.error} testId="policy-error" />
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-submit" style={{ marginTop: 8 }}>
        {t('care3.policy.submit')}
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
      <PageHeader title={t('care3.policy.title')} />
      <Card size="small" style={{ maxWidth: 720 }}>
        {areas.length === 0 ? <Empty description={t('care3.policy.noArea')} /> : null}
        <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('care3.policy.area')}</Typography.Text>
          <Select value={code} onChange={(next: string) => { setCode(next); setResult(null); }} style={{ minWidth: 180, maxWidth: '100%' }} data-testid="policy-area"
            options={areas.map((a) => ({ value: a.code, label: a.name }))} />
          {p ? (
            <>
              <Tag color={p.inherited ? 'default' : 'blue'} data-testid="policy-inherited" data-inherited={p.inherited}>
                {p.inherited ? t('care3.policy.inherited') : t('care3.policy.own')}
              </Tag>
              <Typography.Text type="secondary" data-testid="policy-version">{t('care3.policy.version', { v: p.version })}</Typography.Text>
            </>
          ) : null}
        </Flex>
        <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
        {policy.isPending && code ? <Loading /> : null}
        {p ? <PolicyForm key={`${p.areaCode}-${p.version}`} policy={p} onSaved={setResult} /> : null}
        {result && result.areaCode === code ? (
          <Alert style={{ marginTop: 16 }} type="success" showIcon data-testid="policy-result" data-replanned={result.replanned}
            title={t('care3.policy.result', { n: result.replanned })} />
        ) : null}
      </Card>
    </>
  );
}
