import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CONSENT_PURPOSES } from '@linli/contracts';
import { Can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { Consent, ConsentInput } from '../ledger/types';
import { useConsents, useRecordConsent, useRevokeConsent } from './api';
import { applyNestedFieldErrors } from './form-errors';
import { SimpleList } from './SimpleList';

const BASES: ConsentInput['basis'][] = ['consent', 'statutory_duty', 'emergency'];
const GRANTORS: ConsentInput['grantedBy'][] = ['self', 'guardian', 'not_applicable'];

function ConsentFormModal({ clientId, onClose }: { clientId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ConsentInput>();
  const record = useRecordConsent();
  const basis = Form.useWatch('basis', form);
  const grantedBy = Form.useWatch('grantedBy', form);
  const required = { required: true, whitespace: true, message: t('care2.required') };

  const handleFinish = (v: ConsentInput) => {
    const input: ConsentInput = {
      purpose: v.purpose,
      basis: v.basis,
      grantedBy: v.grantedBy,
      noticeVersion: v.noticeVersion.trim(),
      statute: v.basis === 'statutory_duty' ? v.statute?.trim() : undefined,
      guardianName: v.grantedBy === 'guardian' ? v.guardianName?.trim() : undefined,
    };
    record.mutate({ clientId, input }, { onSuccess: onClose, onError: (err) => applyNestedFieldErrors(form, err) });
  };

  return (
    <Modal open title={t('care2.consent.add')} onCancel={onClose} destroyOnHidden okText={t('app.save')} cancelText={t('app.cancel')}
      onOk={() => form.submit()} confirmLoading={record.isPending} okButtonProps={{ 'data-testid': 'consent-submit' }}>
      <Form form={form} layout="vertical" onFinish={handleFinish}
        initialValues={{ purpose: 'care_services', basis: 'consent', grantedBy: 'self', noticeVersion: '', statute: '', guardianName: '' }}>
        <Form.Item name="purpose" label={t('care2.consent.purpose')} rules={[required]}>
          <Select options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`care2.consent.purpose.${p}`) }))} data-testid="consent-purpose" />
        </Form.Item>
        <Form.Item name="basis" label={t('care2.consent.basis')} rules={[required]}>
          <Select options={BASES.map((b) => ({ value: b, label: t(`care2.consent.basis.${b}`) }))} data-testid="consent-basis" />
        </Form.Item>
        {basis === 'statutory_duty' ? (
          <Form.Item name="statute" label={t('care2.consent.statute')} rules={[required]}>
            <Input maxLength={120} data-testid="consent-statute" />
          </Form.Item>
        ) : null}
        <Form.Item name="grantedBy" label={t('care2.consent.grantedBy')} rules={[required]}>
          <Select options={GRANTORS.map((g) => ({ value: g, label: t(`care2.consent.grantedBy.${g}`) }))} data-testid="consent-granted-by" />
        </Form.Item>
        {grantedBy === 'guardian' ? (
          <Form.Item name="guardianName" label={t('care2.consent.guardianName')} rules={[required]}>
            <Input maxLength={40} data-testid="consent-guardian" />
          </Form.Item>
        ) : null}
        <Form.Item name="noticeVersion" label={t('care2.consent.noticeVersion')} rules={[required]}>
          <Input maxLength={20} placeholder="2026-01" data-testid="consent-notice" />
        </Form.Item>
      </Form>
      <ErrorAlert error={record.error} testId="consent-error" />
    </Modal>
  );
}

function ConsentItem({ c }: { c: Consent }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const revoke = useRevokeConsent();
  return (
    <>
      <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 200px' }} data-testid={`consent-${c.id}`}>
        <Flex wrap gap={6} align="center">
          <Typography.Text strong>{t(`care2.consent.purpose.${c.purpose}`)}</Typography.Text>
          <Tag>{t(`care2.consent.basis.${c.basis}`)}</Tag>
          {c.revokedAt ? <Tag>{t('care2.consent.revoked', { at: formatDateTime(c.revokedAt) })}</Tag> : <Tag color="green">{t('care2.consent.live')}</Tag>}
        </Flex>
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {[
            `${t('care2.consent.grantedBy')}：${t(`care2.consent.grantedBy.${c.grantedBy}`)}${c.guardianName ? `（${c.guardianName}）` : ''}`,
            c.statute ? `${t('care2.consent.statute')}：${c.statute}` : null,
            `${t('care2.consent.noticeVersion')}：${c.noticeVersion}`,
            `${t('care2.consent.grantedAt')}：${formatDateTime(c.grantedAt)}`,
          ]
            .filter(Boolean)
            .join('　')}
        </Typography.Text>
        <ErrorAlert error={revoke.error} />
      </Flex>
      {c.revokedAt ? null : (
        <Can permission="care.client.write">
          <Popconfirm title={t('care2.confirm')} okText={t('app.ok')} cancelText={t('app.cancel')}
            onConfirm={() => revoke.mutateAsync(c.id).then(() => void message.success(t('app.done')))}>
            <Button size="small" danger loading={revoke.isPending} data-testid={`consent-revoke-${c.id}`}>
              {t('care2.consent.revoke')}
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
      title={t('care2.section.consents')}
      extra={
        <Can permission="care.client.write">
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="consent-add">
            {t('care2.consent.add')}
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
        empty={t('care2.consent.none')}
        renderItem={(c) => <ConsentItem c={c} />}
      />
      {adding ? <ConsentFormModal clientId={clientId} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}
