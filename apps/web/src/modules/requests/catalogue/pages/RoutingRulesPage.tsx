import { useState } from 'react';
import { Alert, Button, Popconfirm, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RoutingRule } from '@linli/contracts/modules/requests';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { PageHeader } from '../../../../components/PageHeader';
import { useCatalogue, useDeleteRule, useRoutingRules } from '../api';
import { ResolvePreview } from '../components/ResolvePreview';
import { RuleFormModal } from '../components/RuleFormModal';
import { type CatalogueWords, UNIT_KIND_LABELS, useCatalogueWords } from '../words';

/** The unit a rule names, in words ("the request's community" when it names none). */
function unitText(w: CatalogueWords & { say: (p: { zh: string; en: string }) => string }, r: RoutingRule): string {
  if (r.unitKind === 'organisation') return r.unitName ?? w.noUnit;
  if (r.unitKind === 'street_department') return `${r.unitName ?? w.ownStreet} ${r.departmentName ?? ''}`;
  if (r.unitKind === 'community') return r.unitName ?? w.ownCommunity;
  return r.unitName ?? '';
}

function useColumns(canManage: boolean): DataColumn<RoutingRule>[] {
  const w = useCatalogueWords();
  const remove = useDeleteRule({ success: 'app.done' });
  return [
    {
      key: 'area',
      title: w.ruleArea,
      card: 'title',
      render: (r) => (r.areaLevel === 'district' ? `${r.areaName}（${w.levelDistrict}）` : r.areaName),
    },
    { key: 'category', title: w.ruleCategory, render: (r) => r.categoryName ?? <Tag>{w.anyCategory}</Tag> },
    { key: 'kind', title: w.unitKind, card: 'extra', render: (r) => <Tag>{w.say(UNIT_KIND_LABELS[r.unitKind])}</Tag> },
    { key: 'unit', title: w.unit, render: (r) => <span data-testid={`rule-unit-${r.id}`}>{unitText(w, r)}</span> },
    {
      key: 'actions',
      title: w.actions,
      card: 'actions',
      render: (r) =>
        canManage ? (
          <Popconfirm title={w.deleteConfirm} onConfirm={() => remove.mutateAsync(r.id)}>
            <Button size="small" danger data-testid={`rule-delete-${r.id}`}>
              {w.delete}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
}

/** 派单规则: area × category → the responsible unit, with a preview of where a request would go. */
export default function RoutingRulesPage() {
  const w = useCatalogueWords();
  const [categoryId, setCategoryId] = useState<string>();
  const rules = useRoutingRules(categoryId);
  const catalogue = useCatalogue(false);
  const categories = catalogue.data?.items ?? [];
  const [creating, setCreating] = useState(false);
  const canManage = Boolean(rules.data?.canManage);
  const columns = useColumns(canManage);
  return (
    <>
      <PageHeader
        title={w.rulesTitle}
        extra={
          canManage && rules.data ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="rule-create" onClick={() => setCreating(true)}>
              {w.ruleCreate}
            </Button>
          ) : null
        }
      />
      <Alert type="info" showIcon title={w.rulesHelp} style={{ marginBottom: 12 }} />
      <ResolvePreview categories={categories} />
      <Select
        allowClear
        aria-label={w.filterCategory}
        placeholder={w.filterCategory}
        style={{ width: '100%', maxWidth: 320, marginBottom: 12 }}
        value={categoryId}
        onChange={setCategoryId}
        options={categories.map((c) => ({ value: c.id, label: `${c.group} · ${c.name}` }))}
      />
      <DataTable<RoutingRule>
        testId="rules-table"
        rowKey={(r) => r.id}
        columns={columns}
        items={rules.data?.items}
        query={rules}
        empty={w.rulesNone}
        paging={{ pageSize: 50 }}
      />
      {creating && rules.data ? (
        <RuleFormModal
          districtCode={rules.data.districtCode}
          categories={categories}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </>
  );
}
