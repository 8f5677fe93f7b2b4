import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const none = (...cols: string[]): Record<string, PiClass> => Object.fromEntries(cols.map((c) => [c, 'none']));
const classification: Record<string, Record<string, PiClass>> = {
  supermarkets: {
    ...none('id', 'area_code', 'name', 'address', 'opening_hours', 'active', 'created_by', 'created_at', 'updated_at'),
    ...none('reservation_days'),
  },
  supermarket_items: {
    ...none('id', 'supermarket_id', 'area_code', 'name', 'category', 'unit', 'price_points', 'stock', 'active'),
    ...none('created_by', 'created_at', 'updated_at'),
  },
  // Which volunteer took which goods when: about a person, so general.
  supermarket_redemptions: {
    ...none('id', 'area_code', 'supermarket_id', 'volunteer_id', 'channel', 'status', 'transfer_id', 'request_hash'),
    ...none('created_by', 'created_at', 'collected_at', 'collected_by', 'cancelled_at', 'cancelled_by'),
    total_points: 'general',
    returned_points: 'general',
    cancel_reason: 'general',
  },
  supermarket_redemption_lines: {
    ...none('redemption_id', 'item_id', 'area_code', 'item_name', 'unit', 'price_points'),
    quantity: 'general',
    returned_quantity: 'general',
  },
  supermarket_returns: {
    ...none('id', 'area_code', 'redemption_id', 'transfer_id', 'created_by', 'created_at'),
    points: 'general',
    reason: 'general',
  },
  // A donor who is a person is named as they wish to be recorded: general.
  supermarket_stock_movements: {
    ...none('id', 'area_code', 'supermarket_id', 'item_id', 'kind', 'quantity', 'stock_after', 'donor_kind'),
    ...none('organisation_id', 'fund_reference', 'redemption_id', 'return_id', 'created_by', 'created_at'),
    donor_name: 'general',
    note: 'general',
  },
};
export default classification;
