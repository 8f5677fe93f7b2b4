import { useState } from 'react';
import { Button, Card, Descriptions, Flex, List, Popconfirm, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { useOrganisation, useSetOrganisationStatus } from '../api';
import { ContactsCard } from '../components/ContactsCard';
import { HistoryCard } from '../components/HistoryCard';
import { WishCountsCard } from '../../wishes';
import { OrganisationFormModal } from '../components/OrganisationFormModal';
import { RatingTag } from '../components/RatingTag';
import { useAreaOptions } from '../components/useAreaOptions';
import { FIELD_WORDS, KIND_WORDS, SUBTYPE_WORDS, useOrganisationsWords } from '../words';

export default function OrganisationDetailPage() {
  const { id = '' } = useParams();
  const w = useOrganisationsWords();
  const { t } = useI18n();
  const areas = useAreaOptions();
  const query = useOrganisation(id);
  const setStatus = useSetOrganisationStatus({ success: 'app.done' });
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const org = query.data;
  const next = org.status === 'active' ? 'disabled' : 'active';

  const actions = (
    <Flex wrap gap={8}>
      {can(org.allowedActions, 'update') ? (
        <Button onClick={() => setEditing(true)} data-testid="organisation-edit">
          {w.edit}
        </Button>
      ) : null}
      {can(org.allowedActions, next === 'disabled' ? 'disable' : 'enable') ? (
        <Popconfirm
          title={t('app.confirm')}
          onConfirm={() => setStatus.mutateAsync({ id: org.id, status: next, version: org.version })}
        >
          <Button danger={next === 'disabled'} data-testid="organisation-status">
            {next === 'disabled' ? w.disable : w.enable}
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
  const items = [
    {
      key: 'kind',
      label: w.kind,
      children: `${w.say(KIND_WORDS[org.kind])}${org.subtype ? ` · ${w.say(SUBTYPE_WORDS[org.subtype])}` : ''}`,
    },
    { key: 'uscc', label: w.uscc, children: org.uscc ?? '—' },
    { key: 'area', label: w.area, children: org.areaName ?? org.areaCode },
    { key: 'serves', label: w.serviceAreas, children: org.serviceAreaCodes.map(areas.nameOf).join('、') || '—' },
    {
      key: 'fields',
      label: w.serviceFields,
      children: org.serviceFields.map((f) => <Tag key={f}>{w.say(FIELD_WORDS[f])}</Tag>),
    },
    { key: 'rating', label: w.rating, children: <RatingTag org={org} /> },
    { key: 'expires', label: w.expires, children: org.ratingExpiresOn ?? '—' },
    ...(org.kind === 'expert'
      ? [
          { key: 'field', label: w.expertField, children: org.expertField ?? '—' },
          { key: 'qual', label: w.expertQualification, children: org.expertQualification ?? '—' },
        ]
      : [
          { key: 'authority', label: w.registrationAuthority, children: org.registrationAuthority ?? '—' },
          { key: 'registered', label: w.registeredOn, children: org.registeredOn ?? '—' },
        ]),
    { key: 'address', label: w.address, children: org.address ?? '—' },
    { key: 'status', label: w.status, children: org.status === 'active' ? w.active : <Tag>{w.disabled}</Tag> },
    { key: 'notes', label: w.notes, children: org.notes ?? '—' },
  ];

  return (
    <>
      <PageHeader title={org.name} extra={actions} />
      <Flex vertical gap={16}>
        <ErrorAlert error={setStatus.alertError} />
        <Card size="small">
          <Descriptions items={items} column={{ xs: 1, md: 2 }} size="small" data-testid="organisation-descriptions" />
        </Card>
        <ContactsCard key={org.version} org={org} />
        <Card size="small" title={w.alliances}>
          <List
            dataSource={org.alliances}
            locale={{ emptyText: w.noneYet }}
            renderItem={(a) => (
              <List.Item key={a.allianceId}>
                <Link to={`/organisations/alliances/${a.allianceId}`}>{a.allianceName}</Link>
                <span>
                  {w.joinedOn} {a.joinedOn}
                  {a.pactSignedOn ? ` · ${w.pactSignedOn} ${a.pactSignedOn}` : ''}
                  {a.chairNow ? (
                    <Tag color="red" style={{ marginInlineStart: 8 }}>
                      {w.chairNow}
                    </Tag>
                  ) : null}
                </span>
              </List.Item>
            )}
          />
        </Card>
        <WishCountsCard organisationId={org.id} />
        <HistoryCard events={org.history} />
      </Flex>
      {editing ? <OrganisationFormModal org={org} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
