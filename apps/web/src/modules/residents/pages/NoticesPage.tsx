import { useState } from 'react';
import { Button, Flex, Form, Input, Select, Tag } from 'antd';
import { NoticeInput, type Notice } from '@linli/contracts/modules/residents';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { useSession } from '../../auth';
import { useCreateNotice, useNotices, usePublishNotice, useUpdateNotice } from '../api';
import { useResidentsWords } from '../words';

type Editing = { notice: Notice | null } | null;

function NoticeForm({ editing, onClose }: { editing: NonNullable<Editing>; onClose: () => void }) {
  const w = useResidentsWords();
  const session = useSession();
  const [form] = Form.useForm<{ areaCode: string; title: string; body: string }>();
  const create = useCreateNotice({ form, success: 'app.done' });
  const update = useUpdateNotice({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  const communities = session.areas.filter((a) => a.level === 'community');
  const notice = editing.notice;
  return (
    <FormModal
      title={notice ? w.editNotice : w.newNotice}
      form={form}
      initialValues={notice ?? { areaCode: communities[0]?.code }}
      onSubmit={(v) =>
        (notice ? update.mutateAsync({ id: notice.id, title: v.title, body: v.body }) : create.mutateAsync(v)).then(
          onClose,
        )
      }
      onClose={onClose}
      error={(notice ? update : create).alertError}
      okTestId="notice-save"
    >
      {notice ? null : (
        <Form.Item name="areaCode" label={w.area} rules={rules(NoticeInput.shape.areaCode, { required: true })}>
          <Select options={communities.map((a) => ({ value: a.code, label: a.name }))} data-testid="notice-area" />
        </Form.Item>
      )}
      <Form.Item name="title" label={w.title} rules={rules(NoticeInput.shape.title, { required: true })}>
        <Input maxLength={schemaLimits(NoticeInput.shape.title).max} data-testid="notice-title" />
      </Form.Item>
      <Form.Item name="body" label={w.body} rules={rules(NoticeInput.shape.body, { required: true })}>
        <Input.TextArea rows={6} maxLength={schemaLimits(NoticeInput.shape.body).max} data-testid="notice-body" />
      </Form.Item>
    </FormModal>
  );
}

/** 社区公告 (staff): write, publish and withdraw the community's notices; residents read them on /m. */
export default function NoticesPage() {
  const w = useResidentsWords();
  const list = useListState({ url: {} });
  const notices = useNotices(list.page);
  const publish = usePublishNotice({ success: 'app.done' });
  const [editing, setEditing] = useState<Editing>(null);
  const columns: DataColumn<Notice>[] = [
    { key: 'title', title: w.title, card: 'title', render: (n) => n.title },
    { key: 'area', title: w.area, render: (n) => n.areaName },
    { key: 'status', title: w.status, card: 'extra', render: (n) => <Tag>{w[`status.${n.status}`]}</Tag> },
    { key: 'at', title: w.publishedCol, render: (n) => formatDateTime(n.publishedAt) },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (n) => (
        <Flex gap={8} wrap>
          {n.allowedActions.includes('update') ? (
            <Button size="small" onClick={() => setEditing({ notice: n })}>
              {w.edit}
            </Button>
          ) : null}
          {n.allowedActions.includes('publish') || n.allowedActions.includes('unpublish') ? (
            <Button
              size="small"
              type={n.status === 'published' ? 'default' : 'primary'}
              loading={publish.isPending && publish.variables?.id === n.id}
              onClick={() => publish.mutate({ id: n.id, publish: n.status !== 'published' })}
              data-testid={`notice-publish-${n.id}`}
            >
              {n.status === 'published' ? w.unpublish : w.publish}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={w.noticesTitle} />
      <Flex vertical gap={16}>
        <Flex justify="end">
          <Button type="primary" onClick={() => setEditing({ notice: null })} data-testid="notice-create">
            {w.newNotice}
          </Button>
        </Flex>
        <DataTable<Notice>
          testId="notices-table"
          rowKey={(n) => n.id}
          columns={columns}
          items={notices.data?.items}
          query={notices}
          empty={w.noNotices}
          paging={{ page: list.page, pageSize: 20, total: notices.data?.total, onChange: list.setPage }}
        />
      </Flex>
      {editing ? <NoticeForm editing={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
