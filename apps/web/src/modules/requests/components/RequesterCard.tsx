import { useState } from 'react';
import { Button, Card, Descriptions } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { RequestContact, RequestDetail } from '@linli/contracts/modules/requests';
import { Link } from 'react-router-dom';
import { can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRevealContact } from '../api';
import { useCoreWords } from '../core-words';

/** The requester's name and phone, masked; those allowed reveal them (audited on the server). */
export function RequesterCard({ request }: { request: RequestDetail }) {
  const w = useCoreWords();
  const reveal = useRevealContact();
  const [shown, setShown] = useState<RequestContact | null>(null);
  const extra =
    can(request.allowedActions, 'reveal') && !shown ? (
      <Button
        size="small"
        icon={<EyeOutlined />}
        loading={reveal.isPending}
        onClick={() => void reveal.mutateAsync(request.id).then(setShown)}
        data-testid="request-reveal"
      >
        {w.reveal}
      </Button>
    ) : null;
  const items = [
    {
      key: 'name',
      label: w.requesterName,
      children: (
        <span data-testid="request-requester-name">{(shown ? shown.name : request.requester.nameMasked) ?? '—'}</span>
      ),
    },
    {
      key: 'phone',
      label: w.requesterPhone,
      children: shown?.phone ? (
        <a href={`tel:${shown.phone}`} data-testid="request-requester-phone">
          {shown.phone}
        </a>
      ) : (
        <span data-testid="request-requester-phone">{request.requester.phoneMasked ?? '—'}</span>
      ),
    },
    ...(request.clientId
      ? [{ key: 'client', label: w.client, children: <Link to={`/care/clients/${request.clientId}`}>{w.open}</Link> }]
      : []),
  ];
  return (
    <Card size="small" title={w.requester} extra={extra}>
      <ErrorAlert error={reveal.error} />
      <Descriptions items={items} column={{ xs: 1, md: 2 }} size="small" />
    </Card>
  );
}
