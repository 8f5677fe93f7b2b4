import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const classification: Record<string, Record<string, PiClass>> = {
  // A community's buildings and gates: public places, no person in them.
  community_places: {
    id: 'none',
    area_code: 'none',
    name: 'none',
    kind: 'none',
    address: 'none',
    lat: 'none',
    long: 'none',
    position_x: 'none',
    position_y: 'none',
    active: 'none',
    created_by: 'none',
    created_at: 'none',
    updated_at: 'none',
    row_version: 'none',
  },
  // Photo uploads (platform/media): the picture itself may show people, so the row is general personal data.
  media_uploads: {
    id: 'none',
    area_code: 'none',
    owner_user_id: 'none',
    storage_key: 'general',
    content_type: 'none',
    bytes: 'none',
    width: 'none',
    height: 'none',
    sha256: 'none',
    created_at: 'none',
    claimed_at: 'none',
  },
};
export default classification;
