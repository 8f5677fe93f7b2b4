import { Alert, Button, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { FieldError } from '@linli/contracts';
import { useI18n } from '../../../../i18n';
import type { DuplicateWarnings } from '../../shared/types';

export type Duplicate = DuplicateWarnings['duplicates'][number];
type MatchedOn = Duplicate['matchedOn'][number];
const MATCHES: readonly MatchedOn[] = ['id_number', 'phone', 'pinyin_birth_date'];

/**
 * Reads the duplicates out of a 409 care.duplicate_suspected answer: `fields: [{ path: 'duplicates', code:
 * 'care.duplicate_candidate', params: { clientId, matchedOn: 'a+b', communityCode, name } }]`.
 */
export function duplicatesFromError(fields: readonly FieldError[] | undefined): Duplicate[] {
  return (fields ?? [])
    .filter((f) => f.path === 'duplicates' && f.code === 'care.duplicate_candidate')
    .map((f) => {
      const param = (key: string) => String(f.params?.[key] ?? '');
      const matchedOn = param('matchedOn')
        .split('+')
        .filter((m): m is MatchedOn => (MATCHES as readonly string[]).includes(m));
      return { clientId: param('clientId'), name: param('name'), communityCode: param('communityCode'), matchedOn };
    })
    .filter((d) => d.clientId);
}

/** True when a 409 says a record may exist outside the user's view (no id, no name: F5). */
export function elsewhereFromError(fields: readonly FieldError[] | undefined): boolean {
  return (fields ?? []).some((f) => f.path === 'elsewhere');
}

interface DuplicateAlertProps {
  duplicates: Duplicate[];
  /** A record may exist outside the user's area: only a hint to ask the supervisor. */
  elsewhere?: boolean;
  nameOf: (code: string) => string;
  /** Shown after the server refused the save: lets the user go on anyway. */
  onConfirm?: () => void;
  confirming?: boolean;
}

/** Possible duplicates of the client being entered, each linking to the existing record (opens in a new tab). */
export function DuplicateAlert({ duplicates, elsewhere = false, nameOf, onConfirm, confirming }: DuplicateAlertProps) {
  const { t } = useI18n();
  if (!duplicates.length && !elsewhere) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="client-duplicates"
      title={t('care.client.dup.title')}
      description={
        <Flex vertical gap={4}>
          {duplicates.map((d) => (
            <div key={d.clientId}>
              <Link to={`/care/clients/${d.clientId}`} target="_blank" rel="noopener">
                {d.name || t('care.client.dup.existing')}
              </Link>
              {d.communityCode ? (
                <Typography.Text type="secondary"> · {nameOf(d.communityCode)}</Typography.Text>
              ) : null}
              <Typography.Text type="secondary">
                {' '}
                · {t('care.client.dup.matchedOn')}
                {d.matchedOn.map((m) => t(`care.client.dup.match.${m}`)).join('、')}
              </Typography.Text>
            </div>
          ))}
          {elsewhere ? (
            <Typography.Text data-testid="client-duplicates-elsewhere">
              {t('care.client.dup.elsewhere')}
            </Typography.Text>
          ) : null}
          {onConfirm ? (
            <div>
              <Button danger loading={confirming} onClick={onConfirm} data-testid="client-confirm-duplicates">
                {t('care.client.dup.confirm')}
              </Button>
            </div>
          ) : null}
        </Flex>
      }
    />
  );
}
