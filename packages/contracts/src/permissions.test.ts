import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, SEPARATED_ADMIN_ROLES, separationConflict } from './permissions';

describe('三员分立 (R-10)', () => {
  it('refuses any two admin roles together', () => {
    for (const a of SEPARATED_ADMIN_ROLES) {
      for (const b of SEPARATED_ADMIN_ROLES) {
        if (a !== b) expect(separationConflict([a, b])).not.toBeNull();
      }
    }
  });

  it('refuses an admin role with a casework role, allows casework roles together', () => {
    expect(separationConflict(['audit_admin', 'community_worker'])).not.toBeNull();
    expect(separationConflict(['community_worker', 'grid_worker'])).toBeNull();
    expect(separationConflict(['system_admin'])).toBeNull();
  });

  it('keeps audit reading away from the system admin and user changes away from the auditor', () => {
    expect(ROLE_PERMISSIONS.system_admin).not.toContain('audit.read');
    expect(ROLE_PERMISSIONS.audit_admin).toContain('audit.read');
    for (const p of ['user.manage', 'user.assign_roles', 'user.unlock', 'user.end_sessions'] as const) {
      expect(ROLE_PERMISSIONS.audit_admin).not.toContain(p);
    }
    for (const role of ROLES) {
      if (role !== 'audit_admin') expect(ROLE_PERMISSIONS[role]).not.toContain('audit.read');
    }
  });
});
