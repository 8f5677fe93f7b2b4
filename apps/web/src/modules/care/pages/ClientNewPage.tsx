import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Flex, Form } from 'antd';
import { normaliseIdNumber } from '@linli/contracts';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { isApiError } from '../../../lib/api-client';
import { applyFieldErrors } from '../../../lib/errors';
import type { ClientDetail, ClientInput } from '../../../lib/types';
import { checkDuplicates, useCreateClient, type DuplicateCheckInput } from '../api';
import { ClientFormFields, type ClientFormValues } from '../components/ClientFormFields';
import { DuplicateAlert, duplicatesFromError, elsewhereFromError, type Duplicate } from '../components/DuplicateAlert';
import { useCareAreas } from '../useCareAreas';

const opt = (value: string | undefined) => value?.trim() || undefined;

function toInput(v: ClientFormValues): ClientInput {
  return {
    name: v.name.trim(),
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

/** New client: validates the ID number locally, warns early about possible duplicates, and confirms them on 409. */
export default function ClientNewPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const areas = useCareAreas();
  const [form] = Form.useForm<ClientFormValues>();
  const create = useCreateClient();
  const [error, setError] = useState<unknown>(null);
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [elsewhere, setElsewhere] = useState(false);
  const [pending, setPending] = useState<ClientInput | null>(null);
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
    if (input.idNumber && form.getFieldError('idNumber').length) return;
    if (input.phone && form.getFieldError('phone').length) return;
    const check = { name: input.name, idNumber: input.idNumber, phone: input.phone, birthDate: input.birthDate, communityCode: input.communityCode };
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

  const save = (input: ClientInput) => {
    setError(null);
    create.mutate(input, {
      onSuccess: (client: ClientDetail) => {
        void message.success(t('care.clients.created'));
        navigate(`/care/clients/${client.id}`);
      },
      onError: (e) => {
        if (isApiError(e) && e.code === 'care.duplicate_suspected') {
          const fromServer = duplicatesFromError(e.fields);
          const known = new Map(duplicates.map((d) => [d.clientId, d]));
          setDuplicates(fromServer.map((d) => ({ ...d, ...known.get(d.clientId), matchedOn: d.matchedOn })));
          setElsewhere(elsewhereFromError(e.fields));
          setPending(input);
          return;
        }
        setError(applyFieldErrors(form, e) ? null : e);
      },
    });
  };

  return (
    <>
      <PageHeader title={t('care.clients.create')} />
      <Card style={{ maxWidth: 880 }}>
        <Form<ClientFormValues>
          form={form}
          layout="vertical"
          initialValues={{ categories: [] }}
          onFinish={(v) => {
            setPending(null);
            save(toInput(v));
          }}
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
            <ErrorAlert error={error} />
            <Flex gap={8} wrap>
              <Button type="primary" htmlType="submit" loading={create.isPending && !pending} data-testid="client-form-submit">
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
