import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const classification: Record<string, Record<string, PiClass>> = {
  notifications: {
    id: 'none',
    user_id: 'none',
    area_code: 'none',
    event: 'none',
    object_type: 'none',
    object_id: 'none',
    link: 'none',
    params: 'general',
    urgent: 'none',
    read_at: 'none',
    created_at: 'none',
  },
  notification_preferences: { user_id: 'none', event: 'none', channels: 'none', updated_at: 'none' },
  notification_deliveries: {
    id: 'none',
    area_code: 'none',
    user_id: 'none',
    notification_id: 'none',
    event: 'none',
    channel: 'none',
    recipient_enc: 'general',
    payload_enc: 'general',
    urgent: 'none',
    status: 'none',
    attempts: 'none',
    next_attempt_at: 'none',
    last_error: 'none',
    locked_until: 'none',
    sent_at: 'none',
    created_at: 'none',
  },
};
export default classification;
