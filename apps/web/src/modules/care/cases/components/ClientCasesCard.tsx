import { useState } from 'react';
import { Button, Card, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { Can } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { SimpleList } from '../../../../components/SimpleList';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { useCases } from '../api';
import { CasePlanModal } from './CasePlanModal';
import { CaseStatusTag } from './CaseStatusTag';

/** The client's cases on the client detail page, with "open a case". */
export function ClientCasesCard({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const cases = useCases();
  const [opening, setOpening] = useState(false);
  const items = (cases.data?.items ?? []).filter((c) => c.clientId === clientId);
  return (
    <Card
      size="small"
      title={t('care.case.title')}
      extra={
        <Can permission="care.case.write">
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpening(true)}
            data-testid="case-open-new"
          >
            {t('care.case.openNew')}
          </Button>
        </Can>
      }
    >
      <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
      <SimpleList
        testId="client-cases"
        loading={cases.isPending && !cases.error}
        items={items}
        rowKey={(c) => c.id}
        empty={t('care.case.none')}
        renderItem={(c) => (
          <Flex wrap gap={8} align="center">
            <Link to={`/care/cases/${c.id}`} data-testid={`client-case-${c.id}`}>
              {t('care.case.openedAt')} {formatDateTime(c.openedAt)}
            </Link>
            <CaseStatusTag status={c.status} />
          </Flex>
        )}
      />
      {opening ? (
        <CasePlanModal
          clientId={clientId}
          onClose={(saved) => {
            setOpening(false);
            if (saved) void navigate(`/care/cases/${saved.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}
