import { useEffect, useRef, useState } from 'react';
import { Alert, Flex, Form, Input, Radio, Result, Segmented, Typography } from 'antd';
import { AssessmentInput, DomainScore, isDowngrade, NEED_DOMAINS, TIERS } from '@linli/contracts';
import { FormModal } from '../../../../components/FormModal';
import { useI18n } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import { TIER_COLORS, TierTag } from '../../shared/CareTags';
import type { AssessmentResult, LatestAssessment, NeedDomain, Tier } from '../../shared/types';
import { useAssessClient, useLatestAssessment } from '../api';
import { suggestTier, type DomainScores } from '../suggest';

interface FormValues {
  scores: Record<NeedDomain, { score: number; note?: string }>;
  tier: Tier;
  overrideReason?: string;
}

const INITIAL_SCORES = Object.fromEntries(NEED_DOMAINS.map((d) => [d, { score: 0 }])) as FormValues['scores'];
const { min: MIN_SCORE = 0, max: MAX_SCORE = 3 } = schemaLimits(DomainScore.shape.score);
const SCORE_OPTIONS = Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => ({
  value: MIN_SCORE + i,
  label: String(MIN_SCORE + i),
}));

/** The previous assessment's scores and notes, as the form's values. */
function previousScores(latest: NonNullable<LatestAssessment['latest']>): FormValues['scores'] {
  return Object.fromEntries(
    NEED_DOMAINS.map((d) => [d, { score: latest.scores[d]?.score ?? 0, note: latest.scores[d]?.note }]),
  ) as FormValues['scores'];
}

function AssessmentOutcome({ result }: { result: AssessmentResult }) {
  const { t } = useI18n();
  const title =
    result.tierChange === 'pending_approval'
      ? t('care.tiers.assess.pending')
      : result.tierChange === 'applied'
        ? t('care.tiers.assess.applied', { tier: t(`care.tier.${result.tier}`) })
        : t('care.tiers.assess.unchanged');
  return (
    <Result
      status={result.tierChange === 'pending_approval' ? 'info' : 'success'}
      title={
        <span data-testid="assessment-outcome" data-change={result.tierChange}>
          {title}
        </span>
      }
      subTitle={result.nextVisitDue ? t('care.tiers.assess.nextVisit', { date: result.nextVisitDue }) : undefined}
    />
  );
}

/**
 * The needs assessment: one 0–3 score per domain, starting from the previous assessment's scores, the suggested tier
 * computed live; an override or a downgrade needs a reason.
 */
export function AssessmentModal({ clientId, onClose }: { clientId: string; onClose: () => void }) {
  const { t, fieldText } = useI18n();
  const { rules, validate } = useSchemaForm();
  const [form] = Form.useForm<FormValues>();
  const assess = useAssessClient({ form });
  const latest = useLatestAssessment(clientId);
  const [tierTouched, setTierTouched] = useState(false);
  const scores = (Form.useWatch('scores', form) ?? INITIAL_SCORES) as DomainScores;
  const chosen = Form.useWatch('tier', form);
  const suggested = suggestTier(scores);
  const currentTier = latest.data?.currentTier ?? null;
  const previous = latest.data?.latest ?? null;
  const downgrading = !!chosen && isDowngrade(currentTier, chosen);
  const needsReason = (!!chosen && chosen !== suggested) || downgrading;

  // Start from the previous scores once they arrive (the worker re-scores what changed); only once per opening.
  const prefilled = useRef(false);
  useEffect(() => {
    if (!previous || prefilled.current) return;
    prefilled.current = true;
    const start = previousScores(previous);
    form.setFieldsValue({ scores: start, tier: suggestTier(start) });
  }, [previous, form]);

  const handleValuesChange = (changed: Partial<FormValues>, all: FormValues) => {
    if ('tier' in changed) setTierTouched(true);
    else if (changed.scores && !tierTouched) form.setFieldsValue({ tier: suggestTier(all.scores) });
  };

  const handleSubmit = (v: FormValues) => {
    const payload: DomainScores = {};
    for (const d of NEED_DOMAINS) {
      const entry = v.scores[d];
      payload[d] = { score: entry?.score ?? 0, note: entry?.note?.trim() || undefined };
    }
    const reasonNeeded = v.tier !== suggestTier(payload) || isDowngrade(currentTier, v.tier);
    const input = validate(form, AssessmentInput, {
      scores: payload,
      tier: v.tier,
      fromTier: currentTier,
      overrideReason: reasonNeeded ? v.overrideReason?.trim() || undefined : undefined,
    });
    if (!input) return;
    return assess.mutateAsync({ id: clientId, ...input });
  };

  return (
    <FormModal
      width={720}
      title={t('care.tiers.assess.title')}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      onValuesChange={handleValuesChange}
      initialValues={{ scores: INITIAL_SCORES, tier: 'blue' }}
      okTestId="assessment-submit"
      closeTestId="assessment-close"
      error={assess.alertError}
      result={assess.data ? <AssessmentOutcome result={assess.data} /> : undefined}
    >
      <Typography.Paragraph type="secondary">{t('care.tiers.assess.hint')}</Typography.Paragraph>
      {previous ? (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="assess-prefilled"
          title={t('care.tiers.assess.previous', { date: formatDate(previous.assessedAt) })}
        />
      ) : null}
      {NEED_DOMAINS.map((d) => (
        <Flex key={d} wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid={`assess-domain-${d}`}>
          <Typography.Text strong style={{ width: 130 }}>
            {t(`care.domain.${d}`)}
          </Typography.Text>
          <Form.Item name={['scores', d, 'score']} noStyle>
            <Segmented<number> options={SCORE_OPTIONS} data-testid={`assess-score-${d}`} />
          </Form.Item>
          <Form.Item name={['scores', d, 'note']} noStyle rules={rules(DomainScore.shape.note)}>
            <Input
              placeholder={t('care.tiers.assess.note')}
              maxLength={schemaLimits(DomainScore.shape.note).max}
              style={{ flex: '1 1 160px', minWidth: 0 }}
            />
          </Form.Item>
        </Flex>
      ))}
      <Alert
        type="info"
        style={{ margin: '12px 0' }}
        title={
          <span data-testid="assess-suggested" data-tier={suggested}>
            {t('care.tiers.assess.suggested')} <TierTag tier={suggested} />
          </span>
        }
      />
      <Form.Item name="tier" label={t('care.tiers.assess.tier')} rules={rules(AssessmentInput.shape.tier)}>
        <Radio.Group
          data-testid="assess-tier"
          options={TIERS.map((tier) => ({
            value: tier,
            label: <span style={{ color: TIER_COLORS[tier], fontWeight: 600 }}>{t(`care.tier.${tier}`)}</span>,
          }))}
        />
      </Form.Item>
      {needsReason ? (
        <Form.Item
          name="overrideReason"
          label={t(downgrading ? 'care.tiers.assess.downgradeReason' : 'care.tiers.assess.overrideReason')}
          rules={rules(AssessmentInput.shape.overrideReason, {
            required: true,
            messages: {
              required: downgrading
                ? (fieldText('care.downgrade_reason') ?? t('care.tiers.assess.downgradeReason'))
                : t('care.tiers.assess.overrideRequired'),
            },
          })}
        >
          <Input.TextArea
            rows={2}
            maxLength={schemaLimits(AssessmentInput.shape.overrideReason).max}
            data-testid="assess-override-reason"
          />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
