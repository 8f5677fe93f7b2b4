import { Alert, Button } from 'antd';
import { useI18n } from '../i18n';

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  testId?: string;
}

/** A localized error from an ApiError's code, announced to assistive technology. */
export function ErrorAlert({ error, onRetry, testId }: ErrorAlertProps) {
  const { t, errorMessage } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
