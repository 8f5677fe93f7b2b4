import { useState } from 'react';
import { App, type ButtonProps, Form, Input } from 'antd';
import { TierDecisionInput } from '@linli/contracts';
import { DataTable } from '../../../../components/DataTable';
import { FormModal } from '../../../../components/FormModal';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import { ApprovalTabs, useApprovalView } from '../../shared/Approvals';
import type { TierApproval } from '../../shared/types';
import { useDecideTier, useTierApprovals } from '../api';
import { useTierApprovalColumns } from '../components/TierApprovalColumns';

/** Rejection asks for a note (why the client stays at the current tier). */
function RejectModal({ approval, onClose }: { approval: TierApproval; onClose: () => void }) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideTier({ form, success: 'app.done' });
  return (
    <FormModal
      title={t('care.tiers.approvals.rejectTitle', { name: approval.clientName })}
      form={form}
      onSubmit={({ note }) =>
        decide.mutateAsync({ id: approval.id, approve: false, note: note?.trim() || undefined }).then(onClose)
      }
      onClose={onClose}
      okText={t('app.reject')}
      okDanger
      okTestId="reject-submit"
      error={decide.alertError}
    >
      <Form.Item name="note" rules={rules(TierDecisionInput.shape.note)}>
        <Input.TextArea
          rows={3}
          maxLength={schemaLimits(TierDecisionInput.shape.note).max}
          placeholder={t('care.tiers.approvals.note')}
          data-testid="reject-note"
        />
      </Form.Item>
    </FormModal>
  );
}

export default function TierApprovalsPage() {
  const { t, errorMessage } = useI18n();
  const { message, modal } = App.useApp();
  const { list, view, setView } = useApprovalView();
  const approvals = useTierApprovals(view);
  const decide = useDecideTier({ success: 'app.done' });
  const [rejecting, setRejecting] = useState<TierApproval | null>(null);

  // Says what will happen: whose tier moves from which to which, and why it was asked for.
  const approve = (a: TierApproval) =>
    void modal.confirm({
      title: t('care.tiers.approvals.approveTitle'),
      content: (
        <div data-testid="approve-confirm-text">
          <p>
            {t('care.tiers.approvals.approveConfirm', {
              name: a.clientName,
              from: a.fromTier ? t(`care.tier.${a.fromTier}`) : t('care.tier.none'),
              to: t(`care.tier.${a.toTier}`),
            })}
          </p>
          {a.reason ? <p>{t('care.tiers.approvals.approveReason', { reason: a.reason })}</p> : null}
        </div>
      ),
      okText: t('care.tiers.approvals.approve'),
      cancelText: t('app.cancel'),
      okButtonProps: { 'data-testid': 'approve-confirm' } as ButtonProps,
      onOk: () =>
        decide.mutateAsync({ id: a.id, approve: true }).catch((e: unknown) => void message.error(errorMessage(e))),
    });

  const columns = useTierApprovalColumns(view, {
    busyId: decide.isPending ? (decide.variables?.id ?? null) : null,
    onApprove: approve,
    onReject: setRejecting,
  });

  return (
    <>
      <PageHeader title={t('care.tiers.approvals.title')} />
      <ApprovalTabs view={view} onChange={setView} />
      <DataTable<TierApproval>
        testId="approvals-table"
        rowKey={(a) => a.id}
        columns={columns}
        items={approvals.data?.items}
        query={approvals}
        empty={t(view === 'pending' ? 'care.tiers.approvals.none' : 'care.tiers.approvals.noneDecided')}
        emptyTestId="approvals-empty"
        scrollX={view === 'pending' ? 1240 : 1640}
        paging={{ page: list.page, pageSize: list.pageSize, onChange: list.setPage }}
      />
      {rejecting ? <RejectModal approval={rejecting} onClose={() => setRejecting(null)} /> : null}
    </>
  );
}
