import { createContext, useContext, type ReactNode } from 'react';
import type { Permission } from '../lib/types';

/**
 * The signed-in user's permissions, provided by the app shell (app/AuthGuard.tsx) from the session, so shared
 * components can gate on them without importing the auth module.
 */
const PermissionsContext = createContext<readonly Permission[]>([]);

export function PermissionsProvider({
  permissions,
  children,
}: {
  permissions: readonly Permission[];
  children: ReactNode;
}) {
  return <PermissionsContext.Provider value={permissions}>{children}</PermissionsContext.Provider>;
}

/** True when the session holds the permission (false outside a signed-in page). */
export function usePermission(permission: Permission): boolean {
  return useContext(PermissionsContext).includes(permission);
}

interface CanProps {
  /** The object's allowedActions sent by the server (Outline-style: buttons are hidden by data). */
  allowed?: readonly string[];
  action?: string;
  /** Or a session permission. */
  permission?: Permission;
  children: ReactNode;
}

export function can(allowed: readonly string[] | undefined, action: string): boolean {
  return !!allowed && allowed.includes(action);
}

/** Renders children only when the action or permission is granted. */
export function Can({ allowed, action, permission, children }: CanProps) {
  const permissions = useContext(PermissionsContext);
  if (action !== undefined && !can(allowed, action)) return null;
  if (permission !== undefined && !permissions.includes(permission)) return null;
  return <>{children}</>;
}
