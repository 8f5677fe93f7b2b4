import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Result, Segmented, Select } from 'antd';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import {
  RequestStaffIntakeInput,
  STAFF_INTAKE_CHANNELS,
  type RequestIntakeResult,
} from '@linli/contracts/modules/requests';
import { usePermission } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useAreaTree } from '../../areas';
import { useSession } from '../../auth';
import { useStaffIntake } from '../api';
import { groupCategories, useStaffCategories } from '../categories';
import { CHANNEL_WORDS, useCoreWords } from '../core-words';
import { PhotoPicker, photoState, type PickedPhoto } from '../components/PhotoPicker';
import { PlacePicker } from '../components/PlacePicker';
import { attributesOut, QuestionFields } from '../components/QuestionFields';

type Channel = (typeof STAFF_INTAKE_CHANNELS)[number];
interface Values {
  channel: Channel;
  communityCode: string;
  requesterName?: string;
  requesterPhone?: string;
  categoryId: string;
  attributes?: Record<string, unknown>;
  description: string;
  placeId?: string;
}

const field = RequestStaffIntakeInput.shape;

/** The communities the account may enter requests for (its own, or those under the street it holds). */
function useCommunities() {
  const session = useSession();
  const tree = useAreaTree(usePermission('area.read'));
  return useMemo(() => {
    const own = session.areas.filter((a) => a.level === 'community');
    if (own.length) return own.map((a) => ({ value: a.code, label: a.name }));
    const held = session.areas.map((a) => a.code.replace(/0+$/, ''));
    return (tree.data?.items ?? [])
      .filter((a) => a.level === 'community' && a.status === 'active' && held.some((p) => a.code.startsWith(p)))
      .map((a) => ({ value: a.code, label: a.name }));
  }, [session.areas, tree.data]);
}

/** Who asks (walk-in, phone): name and phone, both optional, stored encrypted and shown masked. */
function RequesterFields() {
  const w = useCoreWords();
  const { rules } = useSchemaForm();
  return (
    <Flex wrap gap={16}>
      <Form.Item
        name="requesterName"
        label={w.requesterName}
        rules={rules(field.requesterName)}
        style={{ flex: 1, minWidth: 200 }}
      >
        <Input maxLength={schemaLimits(field.requesterName).max} data-testid="intake-requester-name" />
      </Form.Item>
      <Form.Item
        name="requesterPhone"
        label={w.requesterPhone}
        rules={rules(field.requesterPhone)}
        style={{ flex: 1, minWidth: 200 }}
      >
        <Input inputMode="tel" maxLength={11} data-testid="intake-requester-phone" />
      </Form.Item>
    </Flex>
  );
}

/** The request is in: its number, open it or enter another. */
function IntakeDone({ result, onAgain }: { result: RequestIntakeResult; onAgain: () => void }) {
  const w = useCoreWords();
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title={w.fmt('intakeDone', { number: result.number })}
      extra={[
        <Button type="primary" key="open" onClick={() => navigate(`/requests/${result.id}`)} data-testid="intake-open">
          {w.open}
        </Button>,
        <Button key="again" onClick={onAgain} data-testid="intake-again">
          {w.intakeAgain}
        </Button>,
      ]}
    />
  );
}

/**
 * 代录诉求: staff enter a request on a resident's behalf — walk-in, phone, or from the home-visit drawer (channel
 * visit with the client preselected: ?channel=visit&clientId=…; the client's name comes in the history state, never
 * the URL).
 */
export default function IntakePage() {
  const w = useCoreWords();
  const location = useLocation();
  const [params] = useSearchParams();
  const clientId = params.get('clientId') ?? undefined;
  const clientName = (location.state as { clientName?: string } | null)?.clientName;
  const communities = useCommunities();
  const [form] = Form.useForm<Values>();
  const communityCode = Form.useWatch('communityCode', form) ?? communities[0]?.value;
  const categoryId = Form.useWatch('categoryId', form);
  const categories = useStaffCategories(communityCode);
  const category = categories.data?.find((c) => c.id === categoryId);
  const intake = useStaffIntake({ form });
  const { rules, validate } = useSchemaForm();
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [done, setDone] = useState<RequestIntakeResult | null>(null);
  const { ids, busy } = photoState(photos);
  const visit = !!clientId;
  const channels: Channel[] = visit ? ['visit'] : ['walk_in', 'phone'];

  const submit = async (v: Values) => {
    const input = {
      channel: v.channel,
      communityCode: v.communityCode,
      categoryId: v.categoryId,
      attributes: attributesOut(category?.questions ?? [], v.attributes),
      description: v.description.trim(),
      requesterName: v.requesterName?.trim() || undefined,
      requesterPhone: v.requesterPhone?.trim() || undefined,
      clientId,
      placeId: v.placeId,
      photoUploadIds: ids.length ? ids : undefined,
    };
    if (!validate(form, RequestStaffIntakeInput, input)) return;
    setDone(await intake.mutateAsync(input));
  };

  if (done)
    return (
      <IntakeDone
        result={done}
        onAgain={() => {
          setDone(null);
          setPhotos([]);
          form.resetFields();
        }}
      />
    );

  const categoryOptions = groupCategories(categories.data ?? []).map((g) => ({
    label: g.group,
    title: g.group,
    options: g.items.map((c) => ({ value: c.id, label: c.name })),
  }));

  return (
    <>
      <PageHeader title={clientName ? w.fmt('intakeFor', { name: clientName }) : w.intakeTitle} />
      <Card size="small" style={{ maxWidth: 760 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="intake-form"
          initialValues={{ channel: channels[0], communityCode: communities[0]?.value }}
          onFinish={(v) => void submit(v).catch(() => undefined)}
          onValuesChange={(changed: Partial<Values>) => {
            if ('communityCode' in changed) form.setFieldsValue({ categoryId: undefined, placeId: undefined });
            if ('categoryId' in changed) form.setFieldsValue({ attributes: {} });
          }}
        >
          <Form.Item name="channel" label={w.channelOf}>
            <Segmented
              data-testid="intake-channel"
              options={channels.map((c) => ({ value: c, label: w.say(CHANNEL_WORDS, c) }))}
            />
          </Form.Item>
          {communities.length > 1 ? (
            <Form.Item
              name="communityCode"
              label={w.communityOf}
              rules={rules(field.communityCode, { required: true })}
            >
              <Select options={communities} data-testid="intake-community" aria-label={w.communityOf} />
            </Form.Item>
          ) : (
            <Form.Item name="communityCode" hidden>
              <Input />
            </Form.Item>
          )}
          {visit ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={w.fmt('intakeFor', { name: clientName ?? w.client })}
            />
          ) : (
            <RequesterFields />
          )}
          <Form.Item name="categoryId" label={w.category} rules={rules(field.categoryId, { required: true })}>
            <Select
              showSearch
              optionFilterProp="label"
              options={categoryOptions}
              loading={categories.isFetching}
              aria-label={w.category}
              data-testid="intake-category"
            />
          </Form.Item>
          {category?.description ? (
            <Alert type="info" style={{ marginBottom: 16 }} title={category.description} />
          ) : null}
          {category ? <QuestionFields questions={category.questions} /> : null}
          <Form.Item name="description" label={w.description} rules={rules(field.description, { required: true })}>
            <Input.TextArea
              rows={4}
              maxLength={schemaLimits(field.description).max}
              showCount
              data-testid="intake-description"
            />
          </Form.Item>
          <Form.Item name="placeId" label={w.place}>
            <PlacePicker communityCode={communityCode} testId="intake-place" />
          </Form.Item>
          <Form.Item label={w.photos}>
            <PhotoPicker value={photos} onChange={setPhotos} testId="intake-photo" />
          </Form.Item>
          <ErrorAlert error={intake.alertError} />
          <Button
            type="primary"
            htmlType="submit"
            loading={intake.isPending}
            disabled={busy || intake.isPending}
            style={{ marginTop: 12 }}
            data-testid="intake-submit"
          >
            {w.submit}
          </Button>
        </Form>
      </Card>
    </>
  );
}
