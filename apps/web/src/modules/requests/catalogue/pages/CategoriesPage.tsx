import { useState } from 'react';
import { App, Button, Checkbox, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RequestCategory } from '@linli/contracts/modules/requests';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { PageHeader } from '../../../../components/PageHeader';
import { useCatalogue, useSetCategoryActive } from '../api';
import { CategoryFormModal } from '../components/CategoryFormModal';
import { VersionHistory } from '../components/VersionHistory';
import { type CatalogueWords, useCatalogueWords } from '../words';

type Open = { kind: 'create' } | { kind: 'edit' | 'history'; category: RequestCategory } | null;

const days = (w: CatalogueWords, n: number) => (n === 0 ? w.sameDay : `${n} ${w.workingDays}`);

function useColumns(setOpen: (o: Open) => void): DataColumn<RequestCategory>[] {
  const w = useCatalogueWords();
  const { modal } = App.useApp();
  const setActive = useSetCategoryActive({ success: 'app.done' });
  const toggle = (c: RequestCategory) =>
    modal.confirm({
      title: `${c.active ? w.deactivate : w.reactivate} · ${c.name}`,
      onOk: () => setActive.mutateAsync({ id: c.id, active: !c.active, version: c.version }),
    });
  return [
    { key: 'group', title: w.group, card: 'extra', render: (c) => <Tag>{c.group}</Tag> },
    {
      key: 'name',
      title: w.name,
      card: 'title',
      render: (c) => (
        <span data-testid={`category-${c.code}`}>
          {c.name} {c.active ? null : <Tag>{w.inactive}</Tag>}
        </span>
      ),
    },
    { key: 'code', title: w.code, render: (c) => <Typography.Text code>{c.code}</Typography.Text> },
    {
      key: 'urgency',
      title: w.urgency,
      render: (c) => (c.defaultUrgency === 'urgent' ? <Tag color="red">{w.urgent}</Tag> : w.normal),
    },
    { key: 'sign', title: w.signDays, render: (c) => days(w, c.signWorkingDays) },
    { key: 'resolve', title: w.resolveDays, render: (c) => days(w, c.resolveWorkingDays) },
    { key: 'questions', title: w.questions, render: (c) => `${c.questions.length} ${w.questionCount}` },
    {
      key: 'version',
      title: w.version,
      render: (c) => (
        <Button
          type="link"
          size="small"
          data-testid={`category-history-${c.code}`}
          onClick={() => setOpen({ kind: 'history', category: c })}
        >
          v{c.version} · {w.history}
        </Button>
      ),
    },
    {
      key: 'actions',
      title: w.actions,
      card: 'actions',
      render: (c) => (
        <Flex gap={4} wrap>
          {c.allowedActions.includes('update') ? (
            <Button
              size="small"
              data-testid={`category-edit-${c.code}`}
              onClick={() => setOpen({ kind: 'edit', category: c })}
            >
              {w.edit}
            </Button>
          ) : null}
          {c.allowedActions.includes('deactivate') || c.allowedActions.includes('reactivate') ? (
            <Button size="small" data-testid={`category-toggle-${c.code}`} onClick={() => toggle(c)}>
              {c.active ? w.deactivate : w.reactivate}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];
}

/** 诉求分类: the district's catalogue by group, with versions; an officer of the district edits it. */
export default function CategoriesPage() {
  const w = useCatalogueWords();
  const [showInactive, setShowInactive] = useState(false);
  const catalogue = useCatalogue(showInactive);
  const [open, setOpen] = useState<Open>(null);
  const columns = useColumns(setOpen);
  const data = catalogue.data;
  return (
    <>
      <PageHeader
        title={w.categoriesTitle}
        extra={
          <Flex gap={12} align="center" wrap>
            <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)}>
              {w.showInactive}
            </Checkbox>
            {data?.canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                data-testid="category-create"
                onClick={() => setOpen({ kind: 'create' })}
              >
                {w.create}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <DataTable<RequestCategory>
        testId="categories-table"
        rowKey={(c) => c.id}
        columns={columns}
        items={data?.items}
        query={catalogue}
        empty={w.none}
        paging={{ pageSize: 50 }}
      />
      {open?.kind === 'create' && data ? (
        <CategoryFormModal districtCode={data.districtCode} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'edit' && data ? (
        <CategoryFormModal category={open.category} districtCode={data.districtCode} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'history' ? <VersionHistory category={open.category} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
