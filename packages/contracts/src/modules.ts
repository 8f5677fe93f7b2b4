import type { ErrorSpec } from './error-codes';
import type { Role } from './permissions';
import * as notifications from './modules/notifications';
import * as organisations from './modules/organisations';
import * as partners from './modules/partners';
import * as residents from './modules/residents';
import * as jobs from './modules/jobs';
import * as requests from './modules/requests';
import * as wishes from './modules/wishes';
import * as open311 from './modules/open311';
import * as places from './modules/places';
import * as volunteers from './modules/volunteers';
import * as points from './modules/points';
import * as hours from './modules/hours';
import * as activities from './modules/activities';
import * as supermarket from './modules/supermarket';
// new-module: imports above this line

/**
 * What a domain module adds to the shared contracts: its permissions with the roles that hold them, and its error
 * codes. The module's own schemas live in the same file (`./modules/<name>.ts`, imported by its server and web code
 * as `@linli/contracts/modules/<name>`).
 */
export interface ModuleContract {
  readonly PERMISSIONS: readonly string[];
  readonly ROLE_GRANTS: Partial<Record<Role, readonly string[]>>;
  readonly ERRORS: Readonly<Record<string, ErrorSpec>>;
}

/**
 * The domain modules created with `npm run new-module NAME`, by name. This is the one list a new module adds itself
 * to: the server loads `apps/server/src/modules/<name>/index.ts` for each name, the web app finds its folder, and the
 * permissions and error codes below include the module's.
 */
export const MODULE_CONTRACTS = {
  notifications,
  organisations,
  partners,
  residents,
  jobs,
  requests,
  wishes,
  open311,
  places,
  volunteers,
  points,
  hours,
  activities,
  supermarket,
  // new-module: entries above this line
} as const satisfies Record<string, ModuleContract>;

type Contracts = (typeof MODULE_CONTRACTS)[keyof typeof MODULE_CONTRACTS];
// Generic, so that they distribute over the listed contracts (and give never while the list is empty).
type PermissionOf<C> = C extends { PERMISSIONS: readonly (infer P)[] } ? P : never;
type ErrorCodeOf<C> = C extends { ERRORS: infer E } ? keyof E & string : never;
/** Permissions declared by the listed modules. */
export type ModulePermission = PermissionOf<Contracts>;
/** Error codes declared by the listed modules. */
export type ModuleErrorCode = ErrorCodeOf<Contracts>;

export const MODULE_NAMES = Object.keys(MODULE_CONTRACTS) as (keyof typeof MODULE_CONTRACTS)[];
const contracts = (): ModuleContract[] => Object.values(MODULE_CONTRACTS as Record<string, ModuleContract>);

export const modulePermissions = (): string[] => contracts().flatMap((c) => [...c.PERMISSIONS]);
export const moduleRoleGrants = (role: Role): string[] => contracts().flatMap((c) => [...(c.ROLE_GRANTS[role] ?? [])]);
export const moduleErrors = (): Record<string, ErrorSpec> => Object.assign({}, ...contracts().map((c) => c.ERRORS));
