import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const classification: Record<string, Record<string, PiClass>> = {
  open311_items: { id: 'none', area_code: 'none', title: 'general', created_by: 'none', created_at: 'none' },
};
export default classification;
