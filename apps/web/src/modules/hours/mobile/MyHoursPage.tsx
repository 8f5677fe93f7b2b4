import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Rate,
  Select,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { ACTIVITY_TYPES } from '@linli/contracts/modules/activities';
import { ClaimInput, type MyHours } from '@linli/contracts/modules/hours';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useSchemaForm } from '../../../lib/schema-form';
import type { ButtonProps } from 'antd';
import { myPdfUrl, useFileClaim, useIssueMyCertificate, useMyHours } from '../api';
import { hoursOf, useHoursWords } from '../words';

type ClaimForm = Omit<ClaimInput, 'serviceDate'> & { serviceDate: Dayjs };

function ReportForm({ onDone }: { onDone: () => void }) {
  const w = useHoursWords();
  const [form] = Form.useForm<ClaimForm>();
  const file = useFileClaim({ form, success: () => w.mSubmitted });
  const { rules } = useSchemaForm();
  const shape = ClaimInput.shape;
  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      initialValues={{ activityType: 'other', minutes: 60 }}
      onFinish={(v) =>
        file.mutateAsync({ ...v, serviceDate: v.serviceDate.format('YYYY-MM-DD') }).then(() => {
          form.resetFields();
          onDone();
        })
      }
    >
      <Typography.Paragraph type="secondary">{w.mReportHint}</Typography.Paragraph>
      <Form.Item name="serviceDate" label={w.serviceDate} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly data-testid="m-hours-date" />
      </Form.Item>
      <Form.Item name="minutes" label={w.minutes} rules={rules(shape.minutes, { required: true })}>
        <InputNumber min={1} max={1440} style={{ width: '100%' }} data-testid="m-hours-minutes" />
      </Form.Item>
      <Form.Item name="content" label={w.content} rules={rules(shape.content, { required: true })}>
        <Input.TextArea rows={3} maxLength={500} data-testid="m-hours-content" />
      </Form.Item>
      <Form.Item name="place" label={w.place} rules={rules(shape.place, { required: true })}>
        <Input maxLength={200} data-testid="m-hours-place" />
      </Form.Item>
      <Form.Item name="organiserName" label={w.organiser} rules={rules(shape.organiserName, { required: true })}>
        <Input maxLength={100} data-testid="m-hours-organiser" />
      </Form.Item>
      <Form.Item name="activityType" label={w.activityType} rules={[{ required: true }]}>
        <Select
          options={ACTIVITY_TYPES.map((t) => ({ value: t, label: w.activityTypes[t] }))}
          data-testid="m-hours-type"
        />
      </Form.Item>
      <ErrorAlert error={file.alertError} />
      <Button
        type="primary"
        htmlType="submit"
        block
        loading={file.isPending}
        style={{ minHeight: 48 }}
        data-testid="m-hours-submit"
      >
        {w.mSubmit}
      </Button>
    </Form>
  );
}

function HistoryCard({ entries }: { entries: MyHours['entries'] }) {
  const w = useHoursWords();
  const data = { entries };
  return (
    <Card size="small" title={w.mHistory}>
      {data.entries.length ? (
        <List
          size="small"
          dataSource={data.entries}
          data-testid="m-hours-history"
          renderItem={(e) => (
            <List.Item data-testid={`m-hours-entry-${e.id}`}>
              <Flex vertical style={{ width: '100%' }}>
                <Flex justify="space-between">
                  <span>{e.serviceDate}</span>
                  <Typography.Text strong type={e.minutes < 0 ? 'danger' : undefined}>
                    {hoursOf(e.minutes)} h
                  </Typography.Text>
                </Flex>
                <Typography.Text>
                  {e.content}
                  {e.reversed ? (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      {w.reversed}
                    </Tag>
                  ) : null}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {w.sources[e.source]} · {e.organiserName}
                  {e.reason ? ` · ${e.reason}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Empty description={w.none} />
      )}
    </Card>
  );
}

/** 我的志愿服务时长 on /m: total, stars, history, self-report, certificates. */
export default function MyHoursPage() {
  const w = useHoursWords();
  const mine = useMyHours();
  const issue = useIssueMyCertificate({ success: () => w.mIssued });
  const [reporting, setReporting] = useState(false);
  const [issuer, setIssuer] = useState<string | undefined>();
  if (mine.isPending) return <Loading minHeight={120} />;
  const data = mine.data;
  if (!data || !data.volunteer)
    return (
      <>
        <Typography.Title level={2}>{w.mTitle}</Typography.Title>
        <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
        {data ? <Empty description={w.mNotVolunteer} data-testid="m-hours-not-volunteer" /> : null}
      </>
    );
  const stars = data.stars;
  const recordedBy = issuer ?? data.recordedBy[0]?.areaCode;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {w.mTitle}
      </Typography.Title>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Statistic title={w.mTotal} value={hoursOf(data.totalMinutes)} suffix="h" data-testid="m-hours-total" />
          <div data-testid="m-hours-stars" data-level={stars?.level ?? 0}>
            <Typography.Text type="secondary">{w.mStars}</Typography.Text>
            <div>
              <Rate disabled count={5} value={stars?.level ?? 0} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {stars?.nextAtHours == null ? w.mTop : w.mNext(stars.nextAtHours)}
            </Typography.Text>
          </div>
        </Flex>
      </Card>

      <Card
        size="small"
        title={w.mReport}
        extra={
          <Button size="small" onClick={() => setReporting(!reporting)} data-testid="m-hours-report">
            {reporting ? '—' : '+'}
          </Button>
        }
      >
        {reporting ? <ReportForm onDone={() => setReporting(false)} /> : null}
        {data.claims.length ? (
          <List
            size="small"
            header={w.mClaims}
            dataSource={data.claims}
            renderItem={(c) => (
              <List.Item data-testid={`m-hours-claim-${c.id}`}>
                <Flex vertical style={{ width: '100%' }}>
                  <Flex justify="space-between">
                    <span>
                      {c.serviceDate} · {hoursOf(c.minutes)} h
                    </span>
                    <Tag color={c.status === 'approved' ? 'green' : c.status === 'declined' ? 'red' : 'blue'}>
                      {w.claimStatuses[c.status]}
                    </Tag>
                  </Flex>
                  <Typography.Text>{c.content}</Typography.Text>
                  {c.decisionNote ? <Typography.Text type="secondary">{c.decisionNote}</Typography.Text> : null}
                </Flex>
              </List.Item>
            )}
          />
        ) : null}
      </Card>

      <Card size="small" title={w.mCertificates}>
        <Flex vertical gap={8}>
          {data.recordedBy.length ? (
            <Flex gap={8} wrap>
              {data.recordedBy.length > 1 ? (
                <Select
                  value={recordedBy}
                  onChange={setIssuer}
                  aria-label={w.mRecordedBy}
                  style={{ minWidth: 160 }}
                  options={data.recordedBy.map((a) => ({ value: a.areaCode, label: a.name }))}
                />
              ) : null}
              {/* Each certificate is a new numbered document: asked once, so a stray tap does not issue another. */}
              <Popconfirm
                title={w.mIssueConfirm}
                okText={w.mIssue}
                okButtonProps={{ 'data-testid': 'm-hours-issue-confirm' } as ButtonProps}
                onConfirm={() => recordedBy && issue.mutateAsync({ areaCode: recordedBy }).catch(() => undefined)}
              >
                <Button type="primary" loading={issue.isPending} data-testid="m-hours-issue">
                  {w.mIssue}
                </Button>
              </Popconfirm>
            </Flex>
          ) : null}
          <ErrorAlert error={issue.alertError} />
          {data.certificates.map((c) => (
            <Card key={c.id} size="small" data-testid={`m-hours-cert-${c.id}`}>
              <Flex vertical gap={4}>
                <Flex justify="space-between" wrap>
                  <Typography.Text strong>{c.number}</Typography.Text>
                  <Tag color={c.status === 'valid' ? 'green' : 'red'}>{w.certStatuses[c.status]}</Tag>
                </Flex>
                <Typography.Text>
                  {c.periodFrom} ~ {c.periodTo} · {hoursOf(c.totalMinutes)} h
                </Typography.Text>
                <Typography.Text type="secondary">
                  {w.mVerifyCode}：<span data-testid="m-hours-cert-code">{c.verificationCode}</span>
                </Typography.Text>
                <Button href={myPdfUrl(c.id)} target="_blank" data-testid="m-hours-cert-pdf">
                  {w.download}
                </Button>
              </Flex>
            </Card>
          ))}
        </Flex>
      </Card>

      <HistoryCard entries={data.entries} />
    </Flex>
  );
}
