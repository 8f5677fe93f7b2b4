/**
 * Care data is interlinked (tiers drive visits, visits drive overdue counts, merges move cases): every care query
 * key starts with CARE and every care write refreshes all of them.
 */
export const CARE = ['care'] as const;
export const CARE_CHANGES = [CARE] as const;
