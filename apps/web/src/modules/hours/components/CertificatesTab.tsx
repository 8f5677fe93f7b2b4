import { useState } from 'react';
import { Button, Flex, Tag } from 'antd';
import type { Certificate } from '@linli/contracts/modules/hours';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { staffPdfUrl, useCertificates, useRevokeCertificate } from '../api';
import { hoursOf, useHoursWords } from '../words';
import { TextDialog } from './TextDialog';

/** The certificates issued in the jurisdiction: download, revoke. */
export function CertificatesTab() {
  const w = useHoursWords();
  const [page, setPage] = useState(1);
  const list = useCertificates({ page, pageSize: 20 });
  const revoke = useRevokeCertificate({ success: 'app.done' });
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const columns: DataColumn<Certificate>[] = [
    { key: 'number', title: w.number, card: 'title', render: (c) => c.number },
    { key: 'name', title: w.volunteer, render: (c) => c.maskedName },
    { key: 'period', title: w.period, render: (c) => `${c.periodFrom} ~ ${c.periodTo}` },
    { key: 'hours', title: w.hours, align: 'right', render: (c) => hoursOf(c.totalMinutes) },
    { key: 'issuer', title: w.issuer, render: (c) => c.issuerName },
    { key: 'issuedAt', title: w.issuedAt, render: (c) => formatDateTime(c.issuedAt) },
    {
      key: 'status',
      title: w.status,
      card: 'extra',
      render: (c) => <Tag color={c.status === 'valid' ? 'green' : 'red'}>{w.certStatuses[c.status]}</Tag>,
    },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (c) => (
        <Flex gap={4}>
          <Button size="small" href={staffPdfUrl(c.id)} target="_blank" data-testid={`hours-cert-pdf-${c.id}`}>
            {w.download}
          </Button>
          {c.allowedActions.includes('revoke') ? (
            <Button size="small" danger onClick={() => setRevoking(c)} data-testid={`hours-cert-revoke-${c.id}`}>
              {w.revoke}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <DataTable<Certificate>
        testId="hours-certificates"
        rowKey={(c) => c.id}
        columns={columns}
        items={list.data?.items}
        query={list}
        empty={w.none}
        paging={{ page, pageSize: 20, total: list.data?.total, onChange: setPage }}
      />
      {revoking ? (
        <TextDialog
          title={w.revoke}
          label={w.revokeReason}
          testId="hours-cert-revoke"
          danger
          error={revoke.alertError}
          onSubmit={(v) => revoke.mutateAsync({ id: revoking.id, reason: v.text })}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </>
  );
}
