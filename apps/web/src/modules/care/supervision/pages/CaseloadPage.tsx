import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Radio, Select, Typography } from 'antd';
import { CaseloadReassignInput } from '@linli/contracts';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { useSchemaForm } from '../../../../lib/schema-form';
import type { CaseloadReassignResult } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { useCareWorkers, useReassignCaseload } from '../api';

const field = CaseloadReassignInput.shape;

interface CaseloadValues {
  by: 'grid' | 'worker';
  gridCode?: string;
  fromUserId?: string;
  toUserId?: string;
}

/** Hands a grid's or a departing worker's clients and open visits to another worker. */
export default function CaseloadPage() {
  const { t, roleName } = useI18n();
  const [form] = Form.useForm<CaseloadValues>();
  const by = Form.useWatch('by', form) ?? 'grid';
  const fromUserId = Form.useWatch('fromUserId', form);
  const areas = useCareAreas();
  const workers = useCareWorkers(true);
  const reassign = useReassignCaseload({ form });
  const { rules } = useSchemaForm();
  const [result, setResult] = useState<CaseloadReassignResult | null>(null);

  const gridOptions = useMemo(
    () =>
      areas.communities.flatMap((c) =>
        areas.gridsOf(c.value).map((g) => ({ value: g.value, label: `${c.label} / ${g.label}` })),
      ),
    [areas],
  );
  const workerOptions = (workers.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.roles.map(roleName).join('、')}）`,
  }));

  const handleFinish = (v: CaseloadValues) => {
    if (reassign.isPending) return;
    setResult(null);
    const input =
      v.by === 'grid'
        ? { gridCode: v.gridCode, toUserId: v.toUserId ?? '' }
        : { fromUserId: v.fromUserId, toUserId: v.toUserId ?? '' };
    reassign.mutate(input, { onSuccess: setResult });
  };

  return (
    <>
      <PageHeader title={t('care.supervision.caseload.title')} />
      <Card size="small" style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">{t('care.supervision.caseload.hint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={handleFinish}
          initialValues={{ by: 'grid' }}
          onValuesChange={() => setResult(null)}
        >
          <Form.Item name="by" label={t('care.supervision.caseload.by')}>
            <Radio.Group
              options={[
                { value: 'grid', label: t('care.supervision.caseload.byGrid') },
                { value: 'worker', label: t('care.supervision.caseload.byWorker') },
              ]}
            />
          </Form.Item>
          <SourceField
            by={by}
            grids={{ options: gridOptions, loading: areas.loading }}
            workers={{ options: workerOptions, loading: workers.isPending }}
          />
          <Form.Item
            name="toUserId"
            label={t('care.supervision.caseload.to')}
            dependencies={['fromUserId', 'by']}
            rules={[
              ...rules(field.toUserId),
              {
                validator: (_, v: string | undefined) =>
                  by === 'worker' && v && v === fromUserId
                    ? Promise.reject(new Error(t('care.supervision.caseload.sameWorker')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={workerOptions}
              loading={workers.isPending}
              data-testid="caseload-to"
            />
          </Form.Item>
          <ErrorAlert error={workers.error} onRetry={() => void workers.refetch()} />
          <ErrorAlert error={reassign.alertError} testId="caseload-error" />
          <Button
            type="primary"
            htmlType="submit"
            loading={reassign.isPending}
            disabled={reassign.isPending}
            data-testid="caseload-submit"
            style={{ marginTop: 8 }}
          >
            {t('care.supervision.caseload.submit')}
          </Button>
        </Form>
        {result ? (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            data-testid="caseload-result"
            data-clients={result.clients}
            data-visits={result.visits}
            title={t('care.supervision.caseload.result', { clients: result.clients, visits: result.visits })}
          />
        ) : null}
      </Card>
    </>
  );
}

type Choices = { options: { value: string; label: string }[]; loading: boolean };

/** Where the caseload comes from: a grid (all its clients), or a departing worker (all theirs). */
function SourceField({ by, grids, workers }: { by: 'grid' | 'worker'; grids: Choices; workers: Choices }) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  return by === 'grid' ? (
    <Form.Item
      name="gridCode"
      label={t('care.supervision.caseload.grid')}
      rules={rules(field.gridCode, { required: true })}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        options={grids.options}
        loading={grids.loading}
        data-testid="caseload-grid"
      />
    </Form.Item>
  ) : (
    <Form.Item
      name="fromUserId"
      label={t('care.supervision.caseload.from')}
      rules={rules(field.fromUserId, { required: true })}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        options={workers.options}
        loading={workers.loading}
        data-testid="caseload-from"
      />
    </Form.Item>
  );
}
