import type { PiClass } from '../../db/classification';

/**
 * The personal-information class of each column of this module's tables. The partners module adds no table:
 * its two columns (users.organisation_id, referrals.organisation_id, migration 0016) are classified with their tables
 * in db/classification.ts.
 */
const classification: Record<string, Record<string, PiClass>> = {};
export default classification;
