import { useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ALLIANCE_TYPES, AllianceInput, type AllianceSummary } from '@linli/contracts/modules/organisations';
import { Link, useNavigate } from 'react-router-dom';
import { Can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useAlliances, useCreateAlliance } from '../api';
import { useAreaOptions } from '../components/useAreaOptions';
import { ALLIANCE_WORDS, useOrganisationsWords } from '../words';

/** 区域党建联盟 / 社治联盟 of the jurisdiction. */
export default function AlliancesPage() {
  const w = useOrganisationsWords();
  const navigate = useNavigate();
  const areas = useAreaOptions();
  const alliances = useAlliances();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<AllianceInput>();
  const create = useCreateAlliance({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  const columns: DataColumn<AllianceSummary>[] = [
    {
      key: 'name',
      title: w.allianceName,
      card: 'title',
      render: (a) => (
        <Link to={`/organisations/alliances/${a.id}`} data-testid={`alliance-open-${a.id}`}>
          {a.name}
        </Link>
      ),
    },
    { key: 'type', title: w.allianceType, render: (a) => w.say(ALLIANCE_WORDS[a.type]) },
    { key: 'area', title: w.area, render: (a) => areas.nameOf(a.areaCode) },
    { key: 'members', title: w.memberCount, card: 'extra', render: (a) => a.memberCount },
  ];
  return (
    <>
      <PageHeader
        title={w.allianceList}
        extra={
          <Can permission="organisations.write">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="alliance-create"
            >
              {w.allianceCreate}
            </Button>
          </Can>
        }
      />
      <DataTable<AllianceSummary>
        testId="alliances-table"
        rowKey={(a) => a.id}
        columns={columns}
        items={alliances.data?.items}
        query={alliances}
        empty={w.noneYet}
        onRowOpen={(a) => navigate(`/organisations/alliances/${a.id}`)}
        paging={{ pageSize: 20 }}
      />
      {creating ? (
        <FormModal
          title={w.allianceCreate}
          form={form}
          initialValues={{ areaCode: areas.options[0]?.value, type: 'party_building' }}
          onSubmit={(v) => create.mutateAsync(v).then((a) => navigate(`/organisations/alliances/${a.id}`))}
          onClose={() => setCreating(false)}
          error={create.alertError}
        >
          <Form.Item name="areaCode" label={w.area} rules={rules(AllianceInput.shape.areaCode, { required: true })}>
            <Select options={areas.options} />
          </Form.Item>
          <Form.Item name="name" label={w.allianceName} rules={rules(AllianceInput.shape.name, { required: true })}>
            <Input maxLength={schemaLimits(AllianceInput.shape.name).max} />
          </Form.Item>
          <Form.Item name="type" label={w.allianceType} rules={rules(AllianceInput.shape.type, { required: true })}>
            <Select options={ALLIANCE_TYPES.map((x) => ({ value: x, label: w.say(ALLIANCE_WORDS[x]) }))} />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
