import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Form, Input, List, Select, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { CORRECTION_PARTS, CorrectionInput } from '@linli/contracts/modules/volunteers';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useSchemaForm } from '../../../lib/schema-form';
import { useMyVolunteer, useRequestCorrection } from '../api';
import { MyTeamsCard } from './MyTeamsCard';
import { VolunteerStatusTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

function CorrectionForm({ entries }: { entries: { id: string; label: string }[] }) {
  const w = useVolunteersWords();
  const [form] = Form.useForm<Record<string, unknown>>();
  const ask = useRequestCorrection({ form, success: () => w.mCorrectionSent });
  const { validate } = useSchemaForm();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ part: 'basic' }}
      onFinish={async (values) => {
        const input = validate(form, CorrectionInput, { ...values, entryId: values.entryId || undefined });
        if (input) await ask.mutateAsync(input).then(() => form.resetFields());
      }}
    >
      <Form.Item name="part" label={w.part} rules={[{ required: true }]}>
        <Select
          data-testid="m-vol-correction-part"
          options={CORRECTION_PARTS.map((p) => ({ value: p, label: w.parts[p] }))}
        />
      </Form.Item>
      {entries.length ? (
        <Form.Item name="entryId" label={w.record}>
          <Select
            allowClear
            data-testid="m-vol-correction-entry"
            options={entries.map((e) => ({ value: e.id, label: e.label }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="requestText" label={w.requestText} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="m-vol-correction-text" />
      </Form.Item>
      <ErrorAlert error={ask.alertError} />
      <Button htmlType="submit" block size="large" loading={ask.isPending} data-testid="m-vol-correction-submit">
        {w.mAskCorrection}
      </Button>
    </Form>
  );
}

/** 我的志愿档案: basic information, teams (join, leave), training/commendations/evaluations/complaints, corrections. */
export default function MyRecordPage() {
  const w = useVolunteersWords();
  const navigate = useNavigate();
  const mine = useMyVolunteer();
  const active = mine.data?.record?.volunteer.status === 'active';
  const [showCorrection, setShowCorrection] = useState(false);
  if (mine.isLoading) return <Loading />;
  const r = mine.data?.record;
  if (!r)
    return (
      <Flex vertical gap={12}>
        <Typography.Text>{w.mNotVolunteer}</Typography.Text>
        <Button
          type="primary"
          size="large"
          onClick={() => navigate('/m/volunteer/register')}
          data-testid="m-volunteer-register"
        >
          {w.mRegister}
        </Button>
      </Flex>
    );
  const v = r.volunteer;
  return (
    <Flex vertical gap={12} data-testid="m-volunteer-record-page">
      <Typography.Title level={2} style={{ margin: 0 }}>
        {w.mRecord}
      </Typography.Title>
      <Card size="small" title={w.basic} extra={<VolunteerStatusTag status={v.status} />}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={w.name}>{v.name}</Descriptions.Item>
          <Descriptions.Item label={w.idNumber}>{v.idNumberMasked}</Descriptions.Item>
          <Descriptions.Item label={w.skills}>{v.skills.map(w.skill).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={w.availability}>{v.availability.map(w.avail).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={w.emergency}>
            {v.emergencyNameMasked} {v.emergencyPhoneMasked}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <MyTeamsCard record={r} active={active} />
      <Card size="small" title={w.record}>
        <List
          dataSource={r.entries}
          locale={{ emptyText: w.noneEntries }}
          renderItem={(e) => (
            <List.Item data-testid={`m-vol-entry-${e.id}`}>
              <Flex vertical>
                <Flex gap={4} wrap>
                  <Tag>{w.kinds[e.kind]}</Tag>
                  <span>{e.title}</span>
                </Flex>
                <Typography.Text type="secondary">
                  {[
                    e.onDate,
                    e.byWhom,
                    e.minutes !== null ? `${(e.minutes / 60).toFixed(1)} h` : null,
                    e.rating ? '★'.repeat(e.rating) : null,
                    e.outcome,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={w.corrections}>
        <List
          dataSource={r.corrections}
          locale={{ emptyText: w.noneCorrections }}
          renderItem={(c) => (
            <List.Item data-testid={`m-vol-correction-${c.id}`}>
              <Flex vertical>
                <Flex gap={4} wrap>
                  <Tag>{w.parts[c.part]}</Tag>
                  <Tag color={c.status === 'open' ? 'gold' : c.status === 'accepted' ? 'green' : 'default'}>
                    {w.correctionStatuses[c.status]}
                  </Tag>
                </Flex>
                <span>{c.requestText}</span>
                {c.answerText ? (
                  <Typography.Text type="secondary">{`${w.answer}: ${c.answerText}`}</Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
        {showCorrection ? (
          <CorrectionForm
            entries={r.entries.map((e) => ({ id: e.id, label: `${w.kinds[e.kind]} ${e.onDate} ${e.title}` }))}
          />
        ) : (
          <Button block size="large" onClick={() => setShowCorrection(true)} data-testid="m-vol-correction-open">
            {w.mAskCorrection}
          </Button>
        )}
      </Card>
    </Flex>
  );
}
