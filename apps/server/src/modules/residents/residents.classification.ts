import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const classification: Record<string, Record<string, PiClass>> = {
  resident_profiles: {
    user_id: 'none',
    area_code: 'general',
    phone_bidx: 'general',
    consent_version: 'none',
    consented_at: 'none',
    elder_mode: 'general',
    client_id: 'general',
    linked_at: 'none',
    created_at: 'none',
  },
  otp_codes: {
    id: 'none',
    phone_bidx: 'general',
    ip_key: 'general',
    purpose: 'none',
    code_hmac: 'none',
    attempts: 'none',
    created_at: 'none',
    expires_at: 'none',
    used_at: 'none',
  },
  resident_link_requests: {
    id: 'none',
    user_id: 'none',
    area_code: 'none',
    status: 'none',
    client_id: 'general',
    reason: 'general',
    requested_at: 'none',
    decided_by: 'none',
    decided_at: 'none',
  },
  notices: {
    id: 'none',
    area_code: 'none',
    title: 'none',
    body: 'none',
    status: 'none',
    published_at: 'none',
    created_by: 'none',
    created_at: 'none',
    updated_at: 'none',
  },
};
export default classification;
