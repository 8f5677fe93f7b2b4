import { useEffect, useRef, useState } from 'react';
import { Button, Card, Flex, Form } from 'antd';
import { ClientInput, normaliseIdNumber } from '@linli/contracts';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { isApiError } from '../../../../lib/api-client';
import { useSchemaForm } from '../../../../lib/schema-form';
import type { ClientInput as ClientInputValue } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { checkDuplicates, useCreateClient, type DuplicateCheckInput } from '../api';
import { ClientFormFields, type ClientFormValues } from '../components/ClientFormFields';
import { DuplicateAlert, duplicatesFromError, elsewhereFromError, type Duplicate } from '../components/DuplicateAlert';

const opt = (value: string | undefined) => value?.trim() || undefined;

function toInput(v: ClientFormValues): ClientInputValue {
  return {
    name: v.name?.trim() ?? '',
    idNumber: v.idNumber?.trim() ? normaliseIdNumber(v.idNumber) : undefined,
    sex: v.sex,
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : undefined,
    phone: opt(v.phone),
    communityCode: v.communityCode ?? '',
    gridCode: v.gridCode || undefined,
    address: opt(v.address),
    categories: v.categories,
    disabilityCardNumber: opt(v.disabilityCardNumber),
    disabilityCategory: opt(v.disabilityCategory),
    disabilityGrade: opt(v.disabilityGrade),
    emergencyContactName: opt(v.emergencyContactName),
    emergencyContactPhone: opt(v.emergencyContactPhone),
    notes: opt(v.notes),
  };
}

const isDuplicateWarning = (error: unknown) => isApiError(error) && error.code === 'care.duplicate_suspected';

/** New client: checked with ClientInput, warns early about possible duplicates, and confirms them on 409. */
export default function ClientNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const areas = useCareAreas();
  const { validate } = useSchemaForm();
  const [form] = Form.useForm<ClientFormValues>();
  const create = useCreateClient({ form, success: 'care.client.created' });
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [elsewhere, setElsewhere] = useState(false);
  const [pending, setPending] = useState<ClientInputValue | null>(null);
  const lastCheck = useRef('');
  const onlyCommunity = areas.communities.length === 1 ? areas.communities[0]?.value : undefined;

  // A worker with a single community gets it preselected once the area list has loaded.
  useEffect(() => {
    if (onlyCommunity && !form.getFieldValue('communityCode')) form.setFieldsValue({ communityCode: onlyCommunity });
  }, [onlyCommunity, form]);

  const handleIdentityBlur = () => {
    const v = form.getFieldsValue();
    const input: DuplicateCheckInput = toInput({ ...v, categories: [] });
    if (!input.name || !input.communityCode) return;
    // A name the schema refuses (too long, emoji) is said on the field; the server would only refuse the check too.
    if (!ClientInput.shape.name.safeParse(input.name).success) return;
    if (input.idNumber && form.getFieldError('idNumber').length) return;
    if (input.phone && form.getFieldError('phone').length) return;
    const check = {
      name: input.name,
      idNumber: input.idNumber,
      phone: input.phone,
      birthDate: input.birthDate,
      communityCode: input.communityCode,
    };
    const key = JSON.stringify(check);
    if (key === lastCheck.current) return;
    lastCheck.current = key;
    checkDuplicates(check)
      .then((res) => {
        if (lastCheck.current === key) {
          setDuplicates(res.duplicates);
          setElsewhere(res.elsewhere);
        }
      })
      .catch(() => undefined); // An early warning only: the save itself checks again.
  };

  const save = (input: ClientInputValue) => {
    if (create.isPending) return;
    create.mutate(input, {
      onSuccess: (client) => navigate(`/care/clients/${client.id}`),
      onError: (e) => {
        if (!isApiError(e) || !isDuplicateWarning(e)) return;
        const fromServer = duplicatesFromError(e.fields);
        const known = new Map(duplicates.map((d) => [d.clientId, d]));
        setDuplicates(fromServer.map((d) => ({ ...d, ...known.get(d.clientId), matchedOn: d.matchedOn })));
        setElsewhere(elsewhereFromError(e.fields));
        setPending(input);
      },
    });
  };

  const handleFinish = (values: ClientFormValues) => {
    setPending(null);
    const input = validate(form, ClientInput, toInput(values));
    if (input) save(input);
  };

  return (
    <>
      <PageHeader title={t('care.client.create')} />
      <Card style={{ maxWidth: 880 }}>
        <Form<ClientFormValues>
          form={form}
          layout="vertical"
          initialValues={{ categories: [] }}
          onFinish={handleFinish}
          onValuesChange={(changed: Partial<ClientFormValues>) => {
            if (pending && Object.keys(changed).length) setPending(null);
          }}
        >
          <ClientFormFields form={form} onIdentityBlur={handleIdentityBlur} />
          <Flex vertical gap={12}>
            <DuplicateAlert
              duplicates={duplicates}
              elsewhere={elsewhere}
              nameOf={areas.nameOf}
              confirming={create.isPending}
              onConfirm={pending ? () => save({ ...pending, confirmDuplicates: true }) : undefined}
            />
            <ErrorAlert error={isDuplicateWarning(create.alertError) ? null : create.alertError} />
            <Flex gap={8} wrap>
              <Button
                type="primary"
                htmlType="submit"
                loading={create.isPending && !pending}
                disabled={create.isPending}
                data-testid="client-form-submit"
              >
                {t('app.save')}
              </Button>
              <Button onClick={() => navigate('/care/clients')}>{t('app.cancel')}</Button>
            </Flex>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
