import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Result, Typography, theme } from 'antd';
import { useNavigate } from 'react-router-dom';
import { RequestFileInput, type RequestIntakeResult } from '@linli/contracts/modules/requests';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useSessionQuery } from '../../auth';
import { useFileRequest } from '../api';
import { groupCategories, useResidentCategories, type CategoryOption } from '../categories';
import { useCoreWords } from '../core-words';
import { PhotoPicker, photoState, type PickedPhoto } from '../components/PhotoPicker';
import { PlacePicker } from '../components/PlacePicker';
import { attributesOut, QuestionFields } from '../components/QuestionFields';

interface Values {
  attributes?: Record<string, unknown>;
  description: string;
  placeId?: string;
}

const field = RequestFileInput.shape;

/** Step 1: the categories by group, each a large button. */
function CategoryChooser({ onPick }: { onPick: (c: CategoryOption) => void }) {
  const w = useCoreWords();
  const categories = useResidentCategories();
  if (categories.isPending) return <Loading minHeight={120} />;
  if (categories.error) return <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />;
  return (
    <Flex vertical gap={16} data-testid="m-request-categories">
      <Typography.Text>{w.mChooseCategory}</Typography.Text>
      {groupCategories(categories.data).map((g) => (
        <section key={g.group} aria-label={g.group}>
          <Typography.Title level={3} style={{ fontSize: '1.05em', margin: '0 0 8px' }}>
            {g.group}
          </Typography.Title>
          <Flex wrap gap={8}>
            {g.items.map((c) => (
              <Button
                key={c.id}
                size="large"
                onClick={() => onPick(c)}
                data-testid={`m-category-${c.code}`}
                style={{ minHeight: 48, flex: '1 1 140px', whiteSpace: 'normal', height: 'auto' }}
              >
                {c.name}
              </Button>
            ))}
          </Flex>
        </section>
      ))}
    </Flex>
  );
}

/**
 * 我要反映: a category (by group), its questions, the resident's words, up to 6 photos, and where — the whole
 * community or one of its listed buildings. Name, phone and community come from the account.
 */
export default function FileRequestPage() {
  const w = useCoreWords();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const large = token.fontSize >= 20;
  const session = useSessionQuery();
  const communityCode = session.data?.areas[0]?.code;
  const [category, setCategory] = useState<CategoryOption | null>(null);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [done, setDone] = useState<RequestIntakeResult | null>(null);
  const [form] = Form.useForm<Values>();
  const file = useFileRequest({ form });
  const { rules, validate } = useSchemaForm();
  const { ids, busy } = photoState(photos);

  const submit = async (v: Values) => {
    if (!category) return;
    const input = {
      categoryId: category.id,
      attributes: attributesOut(category.questions, v.attributes),
      description: v.description.trim(),
      placeId: v.placeId,
      photoUploadIds: ids.length ? ids : undefined,
    };
    if (!validate(form, RequestFileInput, input)) return;
    setDone(await file.mutateAsync(input));
  };

  if (done)
    return (
      <Result
        status="success"
        title={w.fmt('mSubmitted', { number: done.number })}
        data-testid="m-request-filed"
        extra={[
          <Button
            type="primary"
            size="large"
            key="open"
            onClick={() => navigate(`/m/requests/${done.id}`, { replace: true })}
            data-testid="m-request-filed-open"
          >
            {w.open}
          </Button>,
          <Button size="large" key="home" onClick={() => navigate('/m')}>
            {w.mHome}
          </Button>,
        ]}
      />
    );

  return (
    <>
      <Button onClick={() => (category ? setCategory(null) : navigate('/m'))} style={{ marginBottom: 12 }}>
        {w.mBack}
      </Button>
      <Typography.Title level={2}>{w.mFileTitle}</Typography.Title>
      {!category ? (
        <CategoryChooser
          onPick={(c) => {
            form.resetFields();
            setCategory(c);
          }}
        />
      ) : (
        <Card size="small">
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            <Typography.Text strong data-testid="m-request-category">
              {category.name}
            </Typography.Text>
            <Button type="link" onClick={() => setCategory(null)} data-testid="m-request-change-category">
              {w.mChangeCategory}
            </Button>
          </Flex>
          {category.description ? (
            <Alert type="info" style={{ marginBottom: 12 }} title={category.description} />
          ) : null}
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v).catch(() => undefined)}
            data-testid="m-request-form"
          >
            <QuestionFields questions={category.questions} large={large} />
            <Form.Item
              name="description"
              label={w.mWords}
              extra={w.mWordsHint}
              rules={rules(field.description, { required: true })}
            >
              <Input.TextArea
                rows={4}
                maxLength={schemaLimits(field.description).max}
                showCount
                data-testid="m-request-words"
              />
            </Form.Item>
            <Form.Item label={w.photos}>
              <PhotoPicker value={photos} onChange={setPhotos} testId="m-photo" />
            </Form.Item>
            <Form.Item name="placeId" label={w.place}>
              <PlacePicker communityCode={communityCode} testId="m-place" />
            </Form.Item>
            <ErrorAlert error={file.alertError} testId="m-request-error" />
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={file.isPending}
              disabled={busy || file.isPending}
              style={{ marginTop: 12, minHeight: 48 }}
              data-testid="m-request-submit"
            >
              {busy ? w.photoUploading : w.submit}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
