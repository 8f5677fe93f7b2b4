import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { I18nProvider, useI18n } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';
import { createQueryClient } from './query-client';
import { routes } from './routes';
import { LINLI_THEME } from './theme';

const queryClient = createQueryClient();
const router = createBrowserRouter(routes);

function ThemedApp() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={LINLI_THEME}>
      <AntdApp>
        <ErrorBoundary>
          <RouterProvider router={router} />
        </ErrorBoundary>
      </AntdApp>
    </ConfigProvider>
  );
}

/** Providers: i18n → Ant Design (locale, theme, App context for message/modal) → TanStack Query → router. */
export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ThemedApp />
      </QueryClientProvider>
    </I18nProvider>
  );
}
