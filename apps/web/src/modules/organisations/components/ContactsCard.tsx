import { useState } from 'react';
import { Button, Card } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { OrganisationContact, OrganisationDetail } from '@linli/contracts/modules/organisations';
import { can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRevealContacts } from '../api';
import { useOrganisationsWords } from '../words';

/** Contact people masked by default; a supervisor of the holding area reveals them (audited on the server). */
export function ContactsCard({ org }: { org: OrganisationDetail }) {
  const w = useOrganisationsWords();
  const reveal = useRevealContacts();
  const [shown, setShown] = useState<OrganisationContact[] | null>(null);
  const items = shown ?? org.contacts;
  const columns: DataColumn<OrganisationContact>[] = [
    {
      key: 'name',
      title: w.contactName,
      card: 'title',
      render: (c) => <span data-testid={`contact-${c.id}-name`}>{c.name}</span>,
    },
    { key: 'role', title: w.contactRole, render: (c) => c.role ?? '—' },
    {
      key: 'phone',
      title: w.contactPhone,
      render: (c) => <span data-testid={`contact-${c.id}-phone`}>{c.phone ?? '—'}</span>,
    },
  ];
  const extra =
    can(org.allowedActions, 'reveal') && !shown && org.contacts.length ? (
      <Button
        size="small"
        icon={<EyeOutlined />}
        loading={reveal.isPending}
        onClick={() => void reveal.mutateAsync(org.id).then((r) => setShown(r.items))}
        data-testid="organisation-reveal"
      >
        {w.reveal}
      </Button>
    ) : null;
  return (
    <Card size="small" title={w.contacts} extra={extra}>
      <ErrorAlert error={reveal.error} />
      <DataTable<OrganisationContact>
        testId="organisation-contacts"
        rowKey={(c) => c.id}
        columns={columns}
        items={items}
        empty={w.noneYet}
        paging={false}
      />
    </Card>
  );
}
