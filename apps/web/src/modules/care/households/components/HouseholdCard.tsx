import { useState } from 'react';
import { Button, Card, Flex, Form, Input, Space, Typography } from 'antd';
import { HouseholdInput } from '@linli/contracts';
import { Link } from 'react-router-dom';
import { Can } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import { TierTag } from '../../shared/CareTags';
import type { ClientDetail } from '../../shared/types';
import { useHousehold, useJoinHousehold } from '../api';

function Membership({ client }: { client: ClientDetail }) {
  const { t } = useI18n();
  const household = useHousehold(client.householdId);
  const others = (household.data?.members ?? []).filter((m) => m.id !== client.id);
  return (
    <Flex vertical gap={8} data-testid="household" data-household-id={client.householdId}>
      <ErrorAlert error={household.error} onRetry={() => void household.refetch()} />
      {household.data?.address ? <Typography.Text>{household.data.address}</Typography.Text> : null}
      <Typography.Text type="secondary">{t('care.household.members')}</Typography.Text>
      <Flex wrap gap={8}>
        {others.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : null}
        {others.map((m) => (
          <Space key={m.id} size={4}>
            <Link to={`/care/clients/${encodeURIComponent(m.id)}`}>{m.name}</Link>
            <TierTag tier={m.tier} />
          </Space>
        ))}
      </Flex>
    </Flex>
  );
}

function JoinForms({ client }: { client: ClientDetail }) {
  const { t } = useI18n();
  const { check } = useSchemaForm();
  const join = useJoinHousehold({ success: 'care.household.joined' });
  const [address, setAddress] = useState(client.address ?? '');
  const [existing, setExisting] = useState('');
  const addressOk = !check(HouseholdInput.shape.address, address);
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary" data-testid="household-none">
        {t('care.household.none')}
      </Typography.Text>
      <Can allowed={client.allowedActions} action="update">
        <Form layout="vertical" component="div">
          <Form.Item label={t('care.household.address')} style={{ marginBottom: 8 }}>
            <Flex wrap gap={8}>
              <Input
                style={{ flex: '1 1 180px' }}
                value={address}
                maxLength={schemaLimits(HouseholdInput.shape.address).max}
                onChange={(e) => setAddress(e.target.value)}
                aria-label={t('care.household.address')}
                data-testid="household-address"
              />
              <Button
                type="primary"
                disabled={!addressOk || join.isPending}
                loading={join.isPending && !existing}
                data-testid="household-create"
                onClick={() =>
                  join.mutate({
                    client,
                    input: {
                      communityCode: client.communityCode,
                      gridCode: client.gridCode ?? undefined,
                      address: address.trim(),
                    },
                  })
                }
              >
                {t('care.household.create')}
              </Button>
            </Flex>
          </Form.Item>
          <Form.Item label={t('care.household.join')} style={{ marginBottom: 0 }}>
            <Flex wrap gap={8}>
              <Input
                style={{ flex: '1 1 180px' }}
                value={existing}
                placeholder={t('care.household.id')}
                onChange={(e) => setExisting(e.target.value)}
                aria-label={t('care.household.id')}
                data-testid="household-join-id"
              />
              <Button
                disabled={!existing.trim() || join.isPending}
                loading={join.isPending && !!existing}
                data-testid="household-join"
                onClick={() => join.mutate({ client, householdId: existing.trim() })}
              >
                {t('care.household.join')}
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Can>
      <ErrorAlert error={join.error} testId="household-error" />
    </Flex>
  );
}

/** The client's household: its members, or (when none) create-and-join / join by id. */
export function HouseholdCard({ client }: { client: ClientDetail }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('care.household.title')}>
      {client.householdId ? <Membership client={client} /> : <JoinForms client={client} />}
    </Card>
  );
}
