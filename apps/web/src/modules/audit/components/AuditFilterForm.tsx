import { useEffect } from 'react';
import { Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { AUDIT_ACTIONS } from '@linli/contracts';
import { useI18n } from '../../../i18n';
import type { AuditFilters } from '../api';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  result?: AuditFilters['result'];
  objectId?: string;
}

function toFilters(values: FilterValues): AuditFilters {
  const clean = (s?: string) => (s && s.trim() ? s.trim() : undefined);
  return {
    from: values.range?.[0]?.toISOString(),
    to: values.range?.[1]?.toISOString(),
    actor: clean(values.actor),
    action: clean(values.action),
    result: values.result,
    objectId: clean(values.objectId),
  };
}

function toValues(filters: AuditFilters): FilterValues {
  return {
    range:
      filters.from || filters.to
        ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
        : null,
    actor: filters.actor,
    action: filters.action,
    result: filters.result,
    objectId: filters.objectId,
  };
}

/**
 * Audit filters. The page keeps the time range, action, result and object id in the URL; the actor (it names a
 * person) only in the history entry.
 */
export function AuditFilterForm({
  value,
  onSearch,
}: {
  value: AuditFilters;
  onSearch: (filters: AuditFilters) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const results: NonNullable<AuditFilters['result']>[] = ['success', 'failure', 'denied'];
  const current = JSON.stringify(value);
  // The filters can change under the form (Back, the menu entry again): show what the list uses.
  useEffect(() => form.setFieldsValue(toValues(JSON.parse(current) as AuditFilters)), [current, form]);

  return (
    <Form<FilterValues>
      form={form}
      layout="vertical"
      initialValues={toValues(value)}
      onFinish={(v) => onSearch(toFilters(v))}
    >
      <Flex wrap gap={12} align="flex-end">
        <Form.Item name="range" label={t('audit.range')} style={{ marginBottom: 0, minWidth: 0, maxWidth: '100%' }}>
          <DatePicker.RangePicker showTime style={{ maxWidth: '100%' }} />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')} style={{ marginBottom: 0, width: 160 }}>
          <Input allowClear maxLength={64} data-testid="audit-filter-actor" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')} style={{ marginBottom: 0, width: 220 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.anyAction')}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a}`) }))}
            data-testid="audit-filter-action"
          />
        </Form.Item>
        <Form.Item name="result" label={t('audit.result')} style={{ marginBottom: 0, width: 140 }}>
          <Select
            allowClear
            placeholder={t('audit.anyResult')}
            options={results.map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
            data-testid="audit-filter-result"
          />
        </Form.Item>
        <Form.Item name="objectId" label={t('audit.objectId')} style={{ marginBottom: 0, width: 200 }}>
          <Input allowClear maxLength={64} data-testid="audit-filter-object" />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t('app.search')}
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue({
                range: null,
                actor: undefined,
                action: undefined,
                result: undefined,
                objectId: undefined,
              });
              onSearch({});
            }}
          >
            {t('app.reset')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
