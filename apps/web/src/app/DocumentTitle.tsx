import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n';
import { entryFor } from './menu-entries';

/** Pages that are no menu entry of their own. Titles never carry personal data (a client's name stays off the tab). */
const PAGE_TITLES: { path: RegExp; title: MessageKey }[] = [
  { path: /^\/login\/?$/, title: 'app.title.login' },
  { path: /^\/care\/clients\/new\/?$/, title: 'care.client.create' },
  { path: /^\/care\/clients\/[^/]+\/?$/, title: 'app.title.clientDetail' },
  { path: /^\/care\/cases\/[^/]+\/?$/, title: 'app.title.caseDetail' },
  // The residents' mobile entry: one name for its pages.
  { path: /^\/m(\/|$)/, title: 'app.title.residents' },
];

/** The page's name for the browser tab, in the UI language: its own title, else its menu entry's label. */
export function usePageName(pathname: string): string {
  const { t, lang } = useI18n();
  const own = PAGE_TITLES.find((p) => p.path.test(pathname));
  if (own) return t(own.title);
  const entry = entryFor(pathname);
  if (!entry) return t('app.notFound');
  return typeof entry.label === 'string' ? t(entry.label) : entry.label[lang === 'en' ? 'en' : 'zh'];
}

/** Root route: keeps document.title at "服务对象 - 邻里" (or "Clients - Linli") for every page. */
export function DocumentTitle() {
  const { pathname } = useLocation();
  const { t } = useI18n();
  const name = usePageName(pathname);
  const title = `${name} - ${t('app.shortName')}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
  return <Outlet />;
}
