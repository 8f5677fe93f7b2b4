import type { ReactNode } from 'react';
import type { Permission } from '../lib/types';
import { hasPermission, useSession } from '../modules/auth/api';

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
  const session = useSession();
  if (action !== undefined && !can(allowed, action)) return null;
  if (permission !== undefined && !hasPermission(session, permission)) return null;
  return <>{children}</>;
}
