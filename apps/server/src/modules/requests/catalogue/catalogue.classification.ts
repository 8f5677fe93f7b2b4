import type { PiClass } from '../../../db/classification';

/** PI classes of the catalogue's columns (spread into requests.classification.ts): none is about a person. */
export const catalogueClassification: Record<string, Record<string, PiClass>> = {
  request_categories: {
    id: 'none',
    area_code: 'none',
    code: 'none',
    group_name: 'none',
    active: 'none',
    current_version: 'none',
    created_at: 'none',
    updated_at: 'none',
  },
  request_category_versions: {
    category_id: 'none',
    version: 'none',
    area_code: 'none',
    name: 'none',
    description: 'none',
    questions: 'none',
    default_urgency: 'none',
    sign_working_days: 'none',
    resolve_working_days: 'none',
    created_by: 'none',
    created_at: 'none',
  },
  request_routing_rules: {
    id: 'none',
    area_code: 'none',
    category_id: 'none',
    unit_kind: 'none',
    unit_area_code: 'none',
    organisation_id: 'none',
    department_name: 'none',
    created_by: 'none',
    created_at: 'none',
  },
};
