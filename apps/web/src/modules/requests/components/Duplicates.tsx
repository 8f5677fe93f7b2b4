import { Button, List, Popconfirm, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { RequestDetail } from '@linli/contracts/modules/requests';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDuplicates, useMerge } from '../api';
import { useCoreWords } from '../core-words';
import { StatusTag } from './Tags';

/** Suggested duplicates (same category, nearby, recent): merge this request into one of them. */
export function Duplicates({ request }: { request: RequestDetail }) {
  const w = useCoreWords();
  const merge = useMerge({ success: 'app.done' });
  const duplicates = useDuplicates(request.id, true);
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {w.duplicates}
      </Typography.Title>
      <ErrorAlert error={duplicates.error ?? merge.error} />
      <List
        size="small"
        loading={duplicates.isPending}
        dataSource={duplicates.data?.items ?? []}
        locale={{ emptyText: w.noDuplicates }}
        data-testid="triage-duplicates"
        renderItem={(d) => (
          <List.Item
            key={d.id}
            actions={[
              <Popconfirm
                key="merge"
                title={w.fmt('mergeConfirm', { number: d.number })}
                onConfirm={() => merge.mutateAsync({ id: request.id, intoId: d.id })}
                okButtonProps={{ 'data-testid': `triage-merge-confirm-${d.id}` } as ButtonProps}
              >
                <Button size="small" data-testid={`triage-merge-${d.id}`}>
                  {w.merge}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={
                <Link to={`/requests/${d.id}`}>
                  {d.number} · {d.category.name}
                </Link>
              }
              description={
                <>
                  <StatusTag status={d.status} /> {d.excerpt}
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
