import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const classification: Record<string, Record<string, PiClass>> = {
  open311_api_keys: {
    id: 'none',
    area_code: 'none',
    name: 'none',
    key_prefix: 'none',
    key_hash: 'none',
    rate_limit_per_minute: 'none',
    created_by: 'none',
    created_at: 'none',
    revoked_at: 'none',
    last_used_at: 'none',
  },
  open311_rate_windows: { api_key_id: 'none', area_code: 'none', window_start: 'none', hits: 'none' },
};
export default classification;
