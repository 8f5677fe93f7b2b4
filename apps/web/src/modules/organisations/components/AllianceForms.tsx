import { Form, Input, Select } from 'antd';
import { CommitmentInput, type AllianceDetail } from '@linli/contracts/modules/organisations';
import { FormModal } from '../../../components/FormModal';
import { useSchemaForm } from '../../../lib/schema-form';
import { useAddChair, useAddCommitment, useAddMember, useOrganisations } from '../api';
import { useOrganisationsWords } from '../words';

export type AllianceForm = 'member' | 'chair' | 'commitment';

/** Adding a member (any partner of the register), a rotating chair term or a commitment (of a member). */
export function AllianceFormModal({
  alliance,
  kind,
  onClose,
}: {
  alliance: AllianceDetail;
  kind: AllianceForm;
  onClose: () => void;
}) {
  const w = useOrganisationsWords();
  const [form] = Form.useForm<Record<string, string>>();
  const { rules } = useSchemaForm();
  const register = useOrganisations({ status: 'active' }, 1, 100);
  const addMember = useAddMember({ form, success: 'app.done' });
  const addChair = useAddChair({ form, success: 'app.done' });
  const addCommitment = useAddCommitment({ form, success: 'app.done' });
  const members = alliance.members.map((m) => ({ value: m.organisationId, label: m.organisationName }));
  const candidates = (register.data?.items ?? [])
    .filter((o) => !alliance.members.some((m) => m.organisationId === o.id))
    .map((o) => ({ value: o.id, label: o.name }));
  const date = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={`${label} (YYYY-MM-DD)`} rules={[{ required }]}>
      <Input maxLength={10} data-testid={`alliance-${name}`} />
    </Form.Item>
  );
  const blank = (v: string | undefined) => (v ? v : null);
  const submit = (v: Record<string, string>) => {
    const id = alliance.id;
    if (kind === 'member')
      return addMember
        .mutateAsync({
          id,
          input: { organisationId: v.organisationId!, joinedOn: v.joinedOn!, pactSignedOn: blank(v.pactSignedOn) },
        })
        .then(onClose);
    if (kind === 'chair')
      return addChair
        .mutateAsync({ id, input: { organisationId: v.organisationId!, fromOn: v.fromOn!, toOn: v.toOn! } })
        .then(onClose);
    return addCommitment
      .mutateAsync({ id, input: { organisationId: v.organisationId!, text: v.text!, dueOn: blank(v.dueOn) } })
      .then(onClose);
  };
  const title = kind === 'member' ? w.addMember : kind === 'chair' ? w.addChair : w.addCommitment;
  const error =
    kind === 'member' ? addMember.alertError : kind === 'chair' ? addChair.alertError : addCommitment.alertError;
  return (
    <FormModal
      title={title}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      error={error}
      okTestId="alliance-form-save"
    >
      <Form.Item name="organisationId" label={w.organisation} rules={[{ required: true }]}>
        <Select
          options={kind === 'member' ? candidates : members}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="alliance-organisation"
        />
      </Form.Item>
      {kind === 'member' ? (
        <>
          {date('joinedOn', w.joinedOn)}
          {date('pactSignedOn', w.pactSignedOn, false)}
        </>
      ) : null}
      {kind === 'chair' ? (
        <>
          {date('fromOn', w.from)}
          {date('toOn', w.to)}
        </>
      ) : null}
      {kind === 'commitment' ? (
        <>
          <Form.Item name="text" label={w.commitment} rules={rules(CommitmentInput.shape.text, { required: true })}>
            <Input.TextArea maxLength={300} />
          </Form.Item>
          {date('dueOn', w.dueOn, false)}
        </>
      ) : null}
    </FormModal>
  );
}
