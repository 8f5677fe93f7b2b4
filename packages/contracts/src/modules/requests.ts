// Contracts of the requests module (民生诉求): permissions and who holds them, error codes, and the schemas, which live
// in the requests-*.ts files beside this one (catalogue, core workflow, figures) and are re-exported here. The server
// and the web import it all as '@linli/contracts/modules/requests'.
import type { Role } from '../permissions';
import { CATALOGUE_ERRORS } from './requests-catalogue';
import { CORE_ERRORS } from './requests-core';
import { FIGURES_ERRORS } from './requests-figures';

export * from './requests-catalogue';
export * from './requests-core';
export * from './requests-figures';

export const PERMISSIONS = [
  /** See requests in one's scope (a unit's users see those routed to the unit). */
  'requests.read',
  /** Enter a request on a resident's behalf (walk-in, phone, home visit). */
  'requests.intake',
  /** Triage: correct the category, set urgency, merge duplicates, reject, route. */
  'requests.triage',
  /** A responsible unit's work: sign for (签收), transfer (转办), notes and photos, reply. */
  'requests.handle',
  /** Reveal a requester's name and phone (audited). */
  'requests.contact.reveal',
  /** Edit the district's category catalogue and the routing table. */
  'requests.catalogue.manage',
  /** Figures per unit and category, and the request ledger export. */
  'requests.figures',
  /** Import 12345 hotline work orders from Excel. */
  'requests.import',
  /** A resident files, follows and rates their own requests on /m. */
  'requests.file',
] as const;
export type RequestsPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['requests.read', 'requests.catalogue.manage', 'requests.figures', 'requests.import'],
  street_officer: ['requests.read', 'requests.triage', 'requests.handle', 'requests.figures', 'requests.import'],
  community_supervisor: [
    'requests.read',
    'requests.intake',
    'requests.triage',
    'requests.handle',
    'requests.contact.reveal',
    'requests.figures',
    'requests.import',
  ],
  community_worker: ['requests.read', 'requests.intake', 'requests.triage', 'requests.handle', 'requests.figures'],
  social_worker: ['requests.read', 'requests.intake', 'requests.handle'],
  grid_worker: ['requests.read', 'requests.intake', 'requests.handle'],
  partner_member: ['requests.read', 'requests.handle'],
  resident: ['requests.file'],
} as const satisfies Partial<Record<Role, readonly RequestsPermission[]>>;

export const ERRORS = {
  'requests.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
  ...CATALOGUE_ERRORS,
  ...CORE_ERRORS,
  ...FIGURES_ERRORS,
} as const;
