import type { ReactNode } from 'react';
import { Result } from 'antd';
import type { RouteObject } from 'react-router-dom';
import { useI18n } from '../i18n';
import type { Permission } from '../lib/types';
import { usePermission } from './Can';

/** Shows a 403 result instead of the page when the session lacks the permission (the server refuses anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = usePermission(permission);
  const { t } = useI18n();
  if (!allowed) return <Result status="403" title="403" subTitle={t('app.forbidden')} />;
  return <>{children}</>;
}

/** A route whose page needs a permission (modules' routes.tsx use it for every guarded page). */
export function guardedRoute(path: string, permission: Permission, page: ReactNode): RouteObject {
  return { path, element: <RequirePermission permission={permission}>{page}</RequirePermission> };
}
