import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const none = (...cols: string[]): Record<string, PiClass> => Object.fromEntries(cols.map((c) => [c, 'none']));
const classification: Record<string, Record<string, PiClass>> = {
  wishes: {
    ...none('id', 'area_code', 'number', 'estimated_value', 'status', 'beneficiary_kind', 'beneficiary_user_id'),
    ...none('consent_by', 'consent_at', 'published_at', 'claimant_kind', 'claimant_organisation_id'),
    ...none('claimant_user_id', 'claimed_at', 'claim_expires_at', 'fulfilled_at', 'confirmed_at', 'confirmed_by'),
    ...none('thanks_status', 'created_by', 'created_at', 'updated_at'),
    // Moderated public words, but free text a person wrote: general.
    title: 'general',
    public_text: 'general',
    reject_reason: 'general',
    fulfilment_note: 'general',
    thanks_text: 'general',
    beneficiary_name_enc: 'general',
    beneficiary_name_masked: 'general',
    beneficiary_phone_enc: 'general',
    beneficiary_phone_masked: 'general',
  },
  wish_events: { ...none('id', 'seq', 'wish_id', 'area_code', 'kind', 'actor_id', 'at'), note: 'general' },
  wish_photos: {
    ...none('id', 'wish_id', 'area_code', 'position', 'storage_key', 'content_type', 'width', 'height'),
    ...none('created_by', 'created_at'),
  },
};
export default classification;
