import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useI18n } from '../i18n';

/** The crash screen, also used as the router's errorElement. */
export function CrashFallback({ onReset }: { onReset: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('app.crashed')}
      subTitle={t('app.crashedHint')}
      extra={
        <Button type="primary" onClick={onReset}>
          {t('app.reload')}
        </Button>
      }
    />
  );
}

interface Props {
  children: ReactNode;
}
interface State {
  failed: boolean;
}

/** Catches render errors so one broken page never blanks the whole shell. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Logged for developers only; no personal data is in component errors.
    console.warn('Render error', error.message, info.componentStack);
  }

  private readonly handleReset = () => {
    window.location.reload();
  };

  override render() {
    if (this.state.failed) return <CrashFallback onReset={this.handleReset} />;
    return this.props.children;
  }
}
