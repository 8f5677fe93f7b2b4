import { useState } from 'react';
import { Button, Card, Flex, Form, Input, Popconfirm, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CONSENT_PURPOSES, ConsentInput } from '@linli/contracts';
import { Can } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { FormModal } from '../../../../components/FormModal';
import { SimpleList } from '../../../../components/SimpleList';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import type { Consent, ConsentInput as ConsentInputValue } from '../../shared/types';
import { useConsents, useRecordConsent, useRevokeConsent } from '../api';

const field = ConsentInput.shape;
const BASES = field.basis.options;
const GRANTORS = field.grantedBy.options;

function ConsentFormModal({ clientId, onClose }: { clientId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { rules, validate } = useSchemaForm();
  const [form] = Form.useForm<ConsentInputValue>();
  const record = useRecordConsent({ form, success: 'app.done' });
  const basis = Form.useWatch('basis', form);
  const grantedBy = Form.useWatch('grantedBy', form);

  const handleSubmit = (v: ConsentInputValue) => {
    // The whole-object checks (a statute for a statutory duty, a guardian's name) run here too.
    const input = validate(form, ConsentInput, {
      purpose: v.purpose,
      basis: v.basis,
      grantedBy: v.grantedBy,
      noticeVersion: v.noticeVersion?.trim(),
      statute: v.basis === 'statutory_duty' ? v.statute?.trim() || undefined : undefined,
      guardianName: v.grantedBy === 'guardian' ? v.guardianName?.trim() || undefined : undefined,
    });
    return input ? record.mutateAsync({ clientId, input }).then(onClose) : undefined;
  };

  return (
    <FormModal
      title={t('care.consent.add')}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      okText={t('app.save')}
      okTestId="consent-submit"
      error={record.alertError}
      errorTestId="consent-error"
      initialValues={{
        purpose: 'care_services',
        basis: 'consent',
        grantedBy: 'self',
        noticeVersion: '',
        statute: '',
        guardianName: '',
      }}
    >
      <Form.Item name="purpose" label={t('care.consent.purpose')} rules={rules(field.purpose)}>
        <Select
          options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`care.consent.purpose.${p}`) }))}
          data-testid="consent-purpose"
        />
      </Form.Item>
      <Form.Item name="basis" label={t('care.consent.basis')} rules={rules(field.basis)}>
        <Select
          options={BASES.map((b) => ({ value: b, label: t(`care.consent.basis.${b}`) }))}
          data-testid="consent-basis"
        />
      </Form.Item>
      {basis === 'statutory_duty' ? (
        <Form.Item name="statute" label={t('care.consent.statute')} rules={rules(field.statute, { required: true })}>
          <Input maxLength={schemaLimits(field.statute).max} data-testid="consent-statute" />
        </Form.Item>
      ) : null}
      <Form.Item name="grantedBy" label={t('care.consent.grantedBy')} rules={rules(field.grantedBy)}>
        <Select
          options={GRANTORS.map((g) => ({ value: g, label: t(`care.consent.grantedBy.${g}`) }))}
          data-testid="consent-granted-by"
        />
      </Form.Item>
      {grantedBy === 'guardian' ? (
        <Form.Item
          name="guardianName"
          label={t('care.consent.guardianName')}
          rules={rules(field.guardianName, { required: true })}
        >
          <Input count={{ show: true, max: schemaLimits(field.guardianName).max }} data-testid="consent-guardian" />
        </Form.Item>
      ) : null}
      <Form.Item name="noticeVersion" label={t('care.consent.noticeVersion')} rules={rules(field.noticeVersion)}>
        <Input maxLength={schemaLimits(field.noticeVersion).max} placeholder="2026-01" data-testid="consent-notice" />
      </Form.Item>
    </FormModal>
  );
}

function ConsentItem({ c }: { c: Consent }) {
  const { t } = useI18n();
  const revoke = useRevokeConsent({ success: 'app.done' });
  return (
    <>
      <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 200px' }} data-testid={`consent-${c.id}`}>
        <Flex wrap gap={6} align="center">
          <Typography.Text strong>{t(`care.consent.purpose.${c.purpose}`)}</Typography.Text>
          <Tag>{t(`care.consent.basis.${c.basis}`)}</Tag>
          {c.revokedAt ? (
            <Tag>{t('care.consent.revoked', { at: formatDateTime(c.revokedAt) })}</Tag>
          ) : (
            <Tag color="green">{t('care.consent.live')}</Tag>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {[
            `${t('care.consent.grantedBy')}：${t(`care.consent.grantedBy.${c.grantedBy}`)}${c.guardianName ? `（${c.guardianName}）` : ''}`,
            c.statute ? `${t('care.consent.statute')}：${c.statute}` : null,
            `${t('care.consent.noticeVersion')}：${c.noticeVersion}`,
            `${t('care.consent.grantedAt')}：${formatDateTime(c.grantedAt)}`,
          ]
            .filter(Boolean)
            .join('　')}
        </Typography.Text>
        <ErrorAlert error={revoke.error} />
      </Flex>
      {c.revokedAt ? null : (
        <Can permission="care.client.write">
          <Popconfirm
            title={t('app.confirm')}
            okText={t('app.ok')}
            cancelText={t('app.cancel')}
            onConfirm={() => revoke.mutateAsync(c.id).catch(() => undefined)}
          >
            <Button
              size="small"
              danger
              loading={revoke.isPending}
              disabled={revoke.isPending}
              data-testid={`consent-revoke-${c.id}`}
            >
              {t('care.consent.revoke')}
            </Button>
          </Popconfirm>
        </Can>
      )}
    </>
  );
}

/** Consent (or legal basis) per purpose: the list, recording a new one, revoking. */
export function ConsentsCard({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const consents = useConsents(clientId);
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      title={t('care.consent.title')}
      extra={
        <Can permission="care.client.write">
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="consent-add">
            {t('care.consent.add')}
          </Button>
        </Can>
      }
    >
      <ErrorAlert error={consents.error} onRetry={() => void consents.refetch()} />
      <SimpleList
        testId="consents-list"
        loading={consents.isPending && !consents.error}
        items={consents.data?.items ?? []}
        rowKey={(c) => c.id}
        empty={t('care.consent.none')}
        renderItem={(c) => <ConsentItem c={c} />}
      />
      {adding ? <ConsentFormModal clientId={clientId} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}
