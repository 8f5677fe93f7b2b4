import { Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { RequestRatingInput, type ResidentRequest } from '@linli/contracts/modules/requests';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useRateRequest } from '../api';
import { RATING_WORDS, useCoreWords } from '../core-words';
import { RatingTag } from '../components/Tags';

const CHOICES = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
type Values = { rating: (typeof CHOICES)[number]; comment?: string };

/**
 * 评价: 满意 / 基本满意 / 不满意 with a comment, while the server says the requester may still rate (7 days after the
 * reply); afterwards the rating given, or 未评价 — never shown as satisfied.
 */
export function RateCard({ request }: { request: ResidentRequest }) {
  const w = useCoreWords();
  const [form] = Form.useForm<Values>();
  const rate = useRateRequest({ form, success: () => w.mRateThanks });
  const { rules } = useSchemaForm();
  const field = RequestRatingInput.shape;

  if (!request.canRate) {
    if (request.rating)
      return (
        <Card size="small" title={w.rating} data-testid="m-request-rating">
          <RatingTag rating={request.rating} testId="m-request-rating-value" />
          {request.ratingComment ? (
            <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>
              {request.ratingComment}
            </Typography.Paragraph>
          ) : null}
        </Card>
      );
    if (request.status === 'resolved' || request.status === 'closed')
      return (
        <Card size="small" title={w.rating} data-testid="m-request-rating">
          <RatingTag rating="unrated" testId="m-request-rating-value" />
        </Card>
      );
    return null;
  }

  return (
    <Card size="small" title={w.mRateTitle} data-testid="m-request-rate">
      <Typography.Paragraph type="secondary">
        {w.mRateHint}
        {request.rateUntil ? ` · ${w.fmt('mRateUntil', { date: formatDateTime(request.rateUntil).slice(0, 16) })}` : ''}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void rate
            .mutateAsync({ id: request.id, input: { rating: v.rating, comment: v.comment?.trim() || undefined } })
            .catch(() => undefined)
        }
      >
        <Form.Item name="rating" label={w.rating} rules={rules(field.rating, { required: true })}>
          <Radio.Group data-testid="m-rate-choice">
            <Space direction="vertical">
              {CHOICES.map((c) => (
                <Radio key={c} value={c} data-testid={`m-rate-${c}`} style={{ minHeight: 44, alignItems: 'center' }}>
                  {w.say(RATING_WORDS, c)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={w.ratingComment} rules={rules(field.comment)}>
          <Input.TextArea rows={3} maxLength={schemaLimits(field.comment).max} showCount data-testid="m-rate-comment" />
        </Form.Item>
        <ErrorAlert error={rate.alertError} testId="m-rate-error" />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={rate.isPending}
          style={{ minHeight: 48, marginTop: 8 }}
          data-testid="m-rate-submit"
        >
          {w.mRateSubmit}
        </Button>
      </Form>
    </Card>
  );
}
