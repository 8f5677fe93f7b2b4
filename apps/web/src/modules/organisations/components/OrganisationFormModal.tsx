import { Form } from 'antd';
import {
  OrganisationCreateInput,
  type OrganisationDetail,
  type OrganisationKind,
  OrganisationUpdateInput,
} from '@linli/contracts/modules/organisations';
import { FormModal } from '../../../components/FormModal';
import { useSchemaForm } from '../../../lib/schema-form';
import { useCreateOrganisation, useUpdateOrganisation } from '../api';
import { useOrganisationsWords } from '../words';
import { OrganisationFormFields } from './OrganisationFormFields';
import { useAreaOptions } from './useAreaOptions';

type Values = Record<string, unknown> & { contacts?: { id?: string; name?: string; role?: string; phone?: string }[] };

/** Empty inputs are sent as null (cleared), contacts without a typed phone keep theirs (edit) or have none (new). */
function toInput(v: Values) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) out[key] = value === '' || value === undefined ? null : value;
  out.serviceFields = v.serviceFields ?? [];
  out.serviceAreaCodes = v.serviceAreaCodes ?? [];
  out.contacts = (v.contacts ?? []).map((c) => ({
    ...(c.id ? { id: c.id } : {}),
    name: c.name,
    role: c.role || null,
    ...(c.phone ? { phone: c.phone } : c.id ? {} : { phone: null }),
  }));
  return out;
}

function initialOf(org: OrganisationDetail | undefined, kind: OrganisationKind | undefined, areaCode?: string): Values {
  if (!org) return { kind, areaCode, serviceFields: [], serviceAreaCodes: [], contacts: [] };
  return {
    kind: org.kind,
    subtype: org.subtype ?? undefined,
    name: org.name,
    uscc: org.uscc ?? undefined,
    registrationAuthority: org.registrationAuthority ?? undefined,
    registeredOn: org.registeredOn ?? undefined,
    address: org.address ?? undefined,
    serviceFields: org.serviceFields,
    serviceAreaCodes: org.serviceAreaCodes,
    rating: org.rating ?? undefined,
    ratedOn: org.ratedOn ?? undefined,
    expertField: org.expertField ?? undefined,
    expertQualification: org.expertQualification ?? undefined,
    notes: org.notes ?? undefined,
    contacts: org.contacts.map((c) => ({ id: c.id, name: c.revealed ? c.name : undefined, role: c.role ?? undefined })),
  };
}

/** Register a partner (org undefined) or edit one with the version read. */
export function OrganisationFormModal({
  org,
  initialKind,
  onClose,
  onSaved,
}: {
  org?: OrganisationDetail;
  initialKind?: OrganisationKind | undefined;
  onClose: () => void;
  onSaved?: (org: OrganisationDetail) => void;
}) {
  const w = useOrganisationsWords();
  const [form] = Form.useForm<Values>();
  const { validate } = useSchemaForm();
  const create = useCreateOrganisation({ form, success: 'app.done' });
  const update = useUpdateOrganisation({ form, success: 'app.done' });
  const kind = Form.useWatch('kind', form) as OrganisationKind | undefined;
  const areas = useAreaOptions();

  const submit = (values: Values) => {
    const raw = toInput(values);
    if (org) {
      const input = validate(form, OrganisationUpdateInput, { ...raw, version: org.version });
      return input ? update.mutateAsync({ id: org.id, input }).then(onClose) : undefined;
    }
    const input = validate(form, OrganisationCreateInput, raw);
    return input ? create.mutateAsync(input).then((made) => (onClose(), onSaved?.(made))) : undefined;
  };

  return (
    <FormModal
      title={org ? `${w.edit} · ${org.name}` : w.create}
      form={form}
      initialValues={initialOf(org, initialKind, areas.options[0]?.value)}
      onSubmit={submit}
      onClose={onClose}
      error={org ? update.alertError : create.alertError}
      okTestId="organisation-save"
      formTestId="organisation-form"
      width={820}
    >
      <OrganisationFormFields kind={kind} editing={Boolean(org)} />
    </FormModal>
  );
}
