import { useMemo, useState } from 'react';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { PLACE_KINDS, PlaceInput, type Place, type PlaceKind } from '@linli/contracts/modules/places';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useSession } from '../../auth';
import { useCreatePlace, usePlaces, useUpdatePlace } from '../api';
import { kindKey, usePlacesWords } from '../words';

type Values = {
  name: string;
  kind: PlaceKind;
  address?: string | null;
  lat?: number | null;
  long?: number | null;
  positionX?: number | null;
  positionY?: number | null;
};

/** The communities the account keeps places for: its communities, and the community each of its grids lies in. */
function useCommunities(): { code: string; name: string }[] {
  const session = useSession();
  return useMemo(() => {
    const out = new Map<string, string>();
    for (const a of session.areas) {
      if (a.level === 'community') out.set(a.code, a.name);
      else if (a.level === 'grid' && !out.has(a.code.slice(0, 12))) out.set(a.code.slice(0, 12), a.name);
    }
    return [...out].map(([code, name]) => ({ code, name }));
  }, [session.areas]);
}

function PlaceForm({ community, place, onClose }: { community: string; place: Place | null; onClose: () => void }) {
  const w = usePlacesWords();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlace({ form, success: 'app.done' });
  const update = useUpdatePlace({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  const blank = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  const submit = (v: Values) => {
    const fields = {
      name: v.name,
      kind: v.kind,
      address: blank(v.address),
      lat: v.lat ?? null,
      long: v.long ?? null,
      positionX: v.positionX ?? null,
      positionY: v.positionY ?? null,
    };
    return (
      place
        ? update.mutateAsync({ id: place.id, version: place.version, ...fields })
        : create.mutateAsync({ communityCode: community, ...fields })
    ).then(onClose);
  };
  return (
    <FormModal
      title={place ? w.editTitle : w.create}
      form={form}
      initialValues={place ?? { kind: 'building' }}
      onSubmit={submit}
      onClose={onClose}
      error={(place ? update : create).alertError}
      okTestId="place-save"
    >
      <Form.Item name="name" label={w.name} rules={rules(PlaceInput.shape.name, { required: true })}>
        <Input
          maxLength={schemaLimits(PlaceInput.shape.name).max}
          placeholder={w.namePlaceholder}
          data-testid="place-name"
        />
      </Form.Item>
      <Form.Item name="kind" label={w.kind} rules={[{ required: true }]}>
        <Select options={PLACE_KINDS.map((k) => ({ value: k, label: w[kindKey(k)] }))} data-testid="place-kind" />
      </Form.Item>
      <Form.Item name="address" label={w.address}>
        <Input maxLength={200} data-testid="place-address" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="lat" label={w.lat}>
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} data-testid="place-lat" />
        </Form.Item>
        <Form.Item name="long" label={w.long}>
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} data-testid="place-long" />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="positionX" label={`${w.position} · ${w.positionX}`}>
          <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="positionY" label={w.positionY}>
          <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** 小区楼栋/地点 (staff): the community's list residents pick from — add, edit, deactivate, activate again. */
export default function PlacesPage() {
  const w = usePlacesWords();
  const session = useSession();
  const communities = useCommunities();
  const preferred = communities.find((c) => c.code === session.currentAreaCode)?.code ?? communities[0]?.code;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const community = chosen ?? preferred;
  const [showInactive, setShowInactive] = useState(false);
  const places = usePlaces(community, showInactive);
  const toggle = useUpdatePlace({ success: 'app.done' });
  const [editing, setEditing] = useState<{ place: Place | null } | null>(null);

  const columns: DataColumn<Place>[] = [
    { key: 'name', title: w.name, card: 'title', render: (p) => p.name },
    { key: 'kind', title: w.kind, render: (p) => w[kindKey(p.kind)] },
    { key: 'address', title: w.address, render: (p) => p.address ?? '' },
    {
      key: 'status',
      title: w.status,
      card: 'extra',
      render: (p) => (p.active ? <Tag color="green">{w.active}</Tag> : <Tag>{w.inactive}</Tag>),
    },
    { key: 'updatedAt', title: w.updatedAt, render: (p) => formatDateTime(p.updatedAt) },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (p) => (
        <Flex gap={8} wrap>
          {p.allowedActions.includes('update') ? (
            <Button size="small" onClick={() => setEditing({ place: p })} data-testid={`place-edit-${p.id}`}>
              {w.edit}
            </Button>
          ) : null}
          {p.allowedActions.includes('deactivate') || p.allowedActions.includes('activate') ? (
            <Button
              size="small"
              danger={p.active}
              loading={toggle.isPending && toggle.variables?.id === p.id}
              onClick={() => toggle.mutate({ id: p.id, version: p.version, active: !p.active })}
              data-testid={`place-toggle-${p.id}`}
            >
              {p.active ? w.deactivate : w.activate}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary">{w.intro}</Typography.Paragraph>
        {communities.length === 0 ? (
          <Typography.Text>{w.noCommunity}</Typography.Text>
        ) : (
          <Flex justify="space-between" wrap gap={8}>
            <Space wrap>
              <span>{w.community}</span>
              <Select
                value={community}
                onChange={setChosen}
                options={communities.map((c) => ({ value: c.code, label: c.name }))}
                style={{ minWidth: 200 }}
                aria-label={w.community}
                data-testid="places-community"
              />
              <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)}>
                {w.showInactive}
              </Checkbox>
            </Space>
            <Button type="primary" onClick={() => setEditing({ place: null })} data-testid="places-create">
              {w.create}
            </Button>
          </Flex>
        )}
        <DataTable<Place>
          testId="places-table"
          rowKey={(p) => p.id}
          columns={columns}
          items={places.data?.items}
          query={places}
          empty={w.none}
          paging={{ pageSize: 50 }}
        />
      </Flex>
      {editing && community ? (
        <PlaceForm community={community} place={editing.place} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}
