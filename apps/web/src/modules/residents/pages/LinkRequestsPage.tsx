import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ClientList } from '../../../lib/types';
import { LinkRejectInput, type LinkRequest } from '@linli/contracts/modules/residents';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { api } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { useConfirmLink, useLinkRequests, useRejectLink } from '../api';
import { type ResidentsWords, useResidentsWords } from '../words';

/** Clients of the request's community the staff member sees, found by name (their own client list, scoped). */
function ClientPicker({ communityCode, w }: { communityCode: string; w: ResidentsWords }) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['care', 'clients', 'link-pick', communityCode, q],
    queryFn: () => api.get<ClientList>('/care/clients', { q: q || undefined, communityCode, pageSize: 20 }),
  });
  return (
    <Form.Item name="clientId" label={w.pickClient} rules={[{ required: true }]}>
      <Select
        showSearch
        filterOption={false}
        onSearch={setQ}
        loading={found.isFetching}
        placeholder={w.searchClient}
        aria-label={w.pickClient}
        data-testid="link-client"
        options={(found.data?.items ?? []).map((c) => ({
          value: c.id,
          label: [c.name, c.age !== null ? `${c.age}` : null, c.phoneMasked].filter(Boolean).join(' · '),
        }))}
      />
    </Form.Item>
  );
}

function Decide({ request, mode, onClose }: { request: LinkRequest; mode: 'confirm' | 'reject'; onClose: () => void }) {
  const w = useResidentsWords();
  const [form] = Form.useForm<{ clientId?: string; reason?: string }>();
  const confirm = useConfirmLink({ form, success: 'app.done' });
  const reject = useRejectLink({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  const mutation = mode === 'confirm' ? confirm : reject;
  return (
    <FormModal
      title={`${mode === 'confirm' ? w.confirm : w.reject} · ${request.displayName}`}
      form={form}
      onSubmit={(v) =>
        (mode === 'confirm'
          ? confirm.mutateAsync({ id: request.id, clientId: v.clientId! })
          : reject.mutateAsync({ id: request.id, reason: v.reason! })
        ).then(onClose)
      }
      onClose={onClose}
      error={mutation.alertError}
      okTestId="link-decide-ok"
    >
      {mode === 'confirm' ? (
        <>
          <Alert type="info" showIcon title={w.confirmHint} style={{ marginBottom: 12 }} />
          <ClientPicker communityCode={request.areaCode} w={w} />
        </>
      ) : (
        <Form.Item name="reason" label={w.reason} rules={rules(LinkRejectInput.shape.reason, { required: true })}>
          <Input.TextArea maxLength={200} />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** 居民关联申请: residents who asked to be linked to their client record; staff check in person, then link or reject. */
export default function LinkRequestsPage() {
  const w = useResidentsWords();
  const list = useListState({ url: {} });
  const [status, setStatus] = useState<string | undefined>('pending');
  const requests = useLinkRequests(list.page, status);
  const [deciding, setDeciding] = useState<{ request: LinkRequest; mode: 'confirm' | 'reject' } | null>(null);
  const label = (s: LinkRequest['status']) => w[`link.${s}`];
  const columns: DataColumn<LinkRequest>[] = [
    { key: 'name', title: w.resident, card: 'title', render: (r) => `${r.displayName}（${r.phoneMasked}）` },
    { key: 'area', title: w.area, render: (r) => r.areaName },
    { key: 'at', title: w.requestedAt, render: (r) => formatDateTime(r.requestedAt) },
    { key: 'status', title: w.status, card: 'extra', render: (r) => <Tag>{label(r.status)}</Tag> },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (r) =>
        r.status === 'pending' ? (
          <Flex gap={8} wrap>
            <Button
              size="small"
              type="primary"
              onClick={() => setDeciding({ request: r, mode: 'confirm' })}
              data-testid={`link-confirm-${r.id}`}
            >
              {w.confirm}
            </Button>
            <Button
              size="small"
              onClick={() => setDeciding({ request: r, mode: 'reject' })}
              data-testid={`link-reject-${r.id}`}
            >
              {w.reject}
            </Button>
          </Flex>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title={w.linksTitle} />
      <Flex vertical gap={16}>
        <Select
          style={{ width: 200 }}
          value={status ?? 'all'}
          aria-label={w.status}
          onChange={(v) => setStatus(v === 'all' ? undefined : v)}
          options={[
            { value: 'pending', label: w['link.pending'] },
            { value: 'confirmed', label: w['link.confirmed'] },
            { value: 'rejected', label: w['link.rejected'] },
            { value: 'all', label: '—' },
          ]}
        />
        <DataTable<LinkRequest>
          testId="link-requests-table"
          rowKey={(r) => r.id}
          columns={columns}
          items={requests.data?.items}
          query={requests}
          empty={w.noLinks}
          paging={{ page: list.page, pageSize: 20, total: requests.data?.total, onChange: list.setPage }}
        />
      </Flex>
      {deciding ? <Decide {...deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}
