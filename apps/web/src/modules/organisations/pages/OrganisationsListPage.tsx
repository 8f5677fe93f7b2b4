import { useState } from 'react';
import { Button, Card, Flex, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { OrganisationListQuery, type OrganisationSummary } from '@linli/contracts/modules/organisations';
import { Link, useNavigate } from 'react-router-dom';
import { Can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { useListState } from '../../../lib/use-list-state';
import { exportOrganisations, useOrganisations } from '../api';
import { OrganisationFilterBar } from '../components/OrganisationFilterBar';
import { OrganisationFormModal } from '../components/OrganisationFormModal';
import { RatingTag } from '../components/RatingTag';
import { FIELD_WORDS, KIND_WORDS, SUBTYPE_WORDS, useOrganisationsWords } from '../words';

/** Kind, area, field, grade and status go in the URL (so `?kind=expert` opens the expert pool); the search only in history. */
const LIST = {
  url: {
    kind: OrganisationListQuery.shape.kind,
    areaCode: OrganisationListQuery.shape.areaCode,
    serviceField: OrganisationListQuery.shape.serviceField,
    rating: OrganisationListQuery.shape.rating,
    status: OrganisationListQuery.shape.status,
  },
  history: ['q'] as const,
};

/** The register; `experts` is the expert pool (专家库): the same directory, kind fixed to 专家. */
export default function OrganisationsListPage({ experts: pool = false }: { experts?: boolean }) {
  const w = useOrganisationsWords();
  const navigate = useNavigate();
  const list = useListState(LIST);
  const filters = pool ? { ...list.filters, kind: 'expert' as const } : list.filters;
  const orgs = useOrganisations(filters, list.page, list.pageSize);
  const [creating, setCreating] = useState(false);
  const experts = filters.kind === 'expert';

  const columns: DataColumn<OrganisationSummary>[] = [
    {
      key: 'name',
      title: w.name,
      width: 220,
      card: 'title',
      render: (o) => (
        <Link to={`/organisations/${o.id}`} data-testid={`organisation-open-${o.id}`}>
          {o.name}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: w.kind,
      width: 160,
      render: (o) => `${w.say(KIND_WORDS[o.kind])}${o.subtype ? ` · ${w.say(SUBTYPE_WORDS[o.subtype])}` : ''}`,
    },
    { key: 'area', title: w.area, width: 130, render: (o) => o.areaName ?? o.areaCode },
    {
      key: 'fields',
      title: experts ? w.expertField : w.serviceFields,
      width: 200,
      render: (o) =>
        experts
          ? [o.expertField, o.expertQualification].filter(Boolean).join(' · ') || '—'
          : o.serviceFields.map((f) => <Tag key={f}>{w.say(FIELD_WORDS[f])}</Tag>),
    },
    { key: 'uscc', title: w.uscc, width: 190, render: (o) => o.uscc ?? '—' },
    { key: 'rating', title: w.rating, width: 110, card: 'extra', render: (o) => <RatingTag org={o} /> },
    {
      key: 'status',
      title: w.status,
      width: 90,
      render: (o) => (o.status === 'active' ? w.active : <Tag>{w.disabled}</Tag>),
    },
  ];

  return (
    <>
      <PageHeader
        title={experts ? w.experts : w.title}
        extra={
          <Flex wrap gap={8}>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void exportOrganisations(filters)}
              data-testid="organisations-export"
            >
              {w.export}
            </Button>
            <Can permission="organisations.import">
              <Button
                icon={<UploadOutlined />}
                onClick={() => navigate('/organisations/import')}
                data-testid="organisations-import"
              >
                {w.import}
              </Button>
            </Can>
            <Can permission="organisations.write">
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="organisations-create"
              >
                {w.create}
              </Button>
            </Can>
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <OrganisationFilterBar
            value={list.filters}
            onChange={(patch) => list.setFilters(patch as typeof list.filters)}
          />
        </Card>
        <Link to="/organisations/alliances" data-testid="organisations-alliances-link">
          {w.allianceList}
        </Link>
        <DataTable<OrganisationSummary>
          testId="organisations-table"
          rowKey={(o) => o.id}
          columns={columns}
          items={orgs.data?.items}
          query={orgs}
          empty={w.none}
          scrollX={1100}
          onRowOpen={(o) => navigate(`/organisations/${o.id}`)}
          paging={{
            page: list.page,
            pageSize: list.pageSize,
            total: orgs.data?.total ?? 0,
            onChange: list.setPage,
            sizeChanger: true,
          }}
        />
      </Flex>
      {creating ? (
        <OrganisationFormModal
          initialKind={experts ? 'expert' : undefined}
          onClose={() => setCreating(false)}
          onSaved={(o) => navigate(`/organisations/${o.id}`)}
        />
      ) : null}
    </>
  );
}
