import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Form, Input, InputNumber, Popconfirm, Tag, TreeSelect, Typography } from 'antd';
import { Open311KeyInput, type Open311Key } from '@linli/contracts/modules/open311';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { buildAreaTree, toTreeOptions } from '../../../lib/area-tree';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { useAreaTree } from '../../areas';
import { useSession } from '../../auth';
import { useIssueOpen311Key, useOpen311Keys, useRevokeOpen311Key } from '../api';
import { useOpen311Words } from '../words';

type KeyForm = { areaCode: string; name: string; rateLimitPerMinute: number };

/** The area tree (a key may be scoped to the district, a street or a community) and a code → name lookup. */
function useAreas() {
  const tree = useAreaTree();
  return useMemo(() => {
    const items = (tree.data?.items ?? []).filter((a) => a.level !== 'grid');
    const names = new Map(items.map((a) => [a.code, a.name]));
    return { treeData: toTreeOptions(buildAreaTree(items)), nameOf: (code: string) => names.get(code) ?? code };
  }, [tree.data]);
}

/** /open311/keys: the system administrator issues keys to partner systems (shown once), sees their use, revokes. */
export default function Open311KeysPage() {
  const w = useOpen311Words();
  const list = useListState({ url: {} });
  const keys = useOpen311Keys(list.page);
  const revoke = useRevokeOpen311Key({ success: 'app.done' });
  const [issuing, setIssuing] = useState(false);
  const { nameOf } = useAreas();

  const columns: DataColumn<Open311Key>[] = [
    { key: 'name', title: w.name, card: 'title', render: (k) => k.name },
    {
      key: 'status',
      title: w.status,
      card: 'extra',
      render: (k) => (k.revokedAt ? <Tag>{w.revoked}</Tag> : <Tag color="green">{w.live}</Tag>),
    },
    { key: 'area', title: w.area, render: (k) => nameOf(k.areaCode) },
    { key: 'prefix', title: w.prefix, render: (k) => <Typography.Text code>{k.prefix}…</Typography.Text> },
    { key: 'rate', title: w.rate, render: (k) => k.rateLimitPerMinute },
    { key: 'created', title: w.createdAt, render: (k) => formatDateTime(k.createdAt) },
    { key: 'used', title: w.lastUsed, render: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : w.never) },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (k) =>
        k.revokedAt ? null : (
          <Popconfirm title={w.revokeConfirm} onConfirm={() => revoke.mutate(k.id)}>
            <Button size="small" danger data-testid={`open311-revoke-${k.id}`}>
              {w.revoke}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={w.hint} />
        <Flex justify="end">
          <Button type="primary" onClick={() => setIssuing(true)} data-testid="open311-create">
            {w.create}
          </Button>
        </Flex>
        <ErrorAlert error={revoke.alertError} />
        <DataTable<Open311Key>
          testId="open311-keys"
          rowKey={(k) => k.id}
          columns={columns}
          items={keys.data?.items}
          query={keys}
          empty={w.none}
          paging={{ page: list.page, pageSize: 20, total: keys.data?.total, onChange: list.setPage }}
          scrollX={900}
        />
      </Flex>
      {issuing ? <IssueKeyModal onClose={() => setIssuing(false)} /> : null}
    </>
  );
}

/** The creation form; after it, the whole key, once, with a copy button. */
function IssueKeyModal({ onClose }: { onClose: () => void }) {
  const w = useOpen311Words();
  const session = useSession();
  const [form] = Form.useForm<KeyForm>();
  const issue = useIssueOpen311Key({ form });
  const { rules } = useSchemaForm();
  const { treeData } = useAreas();
  const created = issue.data;
  return (
    <FormModal
      title={w.create}
      form={form}
      initialValues={{ areaCode: session.areas[0]?.code, rateLimitPerMinute: 30 }}
      onSubmit={(values) => issue.mutateAsync(values)}
      onClose={onClose}
      error={issue.alertError}
      okText={w.create}
      okTestId="open311-key-issue"
      closeText={w.done}
      closeTestId="open311-key-done"
      result={
        created ? (
          <>
            <Alert type="warning" showIcon title={w.shownOnce} style={{ marginBottom: 16 }} />
            <Typography.Paragraph
              copyable={{ text: created.apiKey }}
              style={{ fontSize: 16, fontFamily: 'monospace', textAlign: 'center' }}
              data-testid="open311-key-value"
            >
              {created.apiKey}
            </Typography.Paragraph>
          </>
        ) : undefined
      }
    >
      <Form.Item name="name" label={w.name} rules={rules(Open311KeyInput.shape.name, { required: true })}>
        <Input data-testid="open311-key-name" />
      </Form.Item>
      <Form.Item name="areaCode" label={w.area} rules={rules(Open311KeyInput.shape.areaCode, { required: true })}>
        <TreeSelect treeData={treeData} showSearch treeNodeFilterProp="title" data-testid="open311-key-area" />
      </Form.Item>
      <Form.Item name="rateLimitPerMinute" label={w.rate}>
        <InputNumber min={1} max={600} precision={0} />
      </Form.Item>
    </FormModal>
  );
}
