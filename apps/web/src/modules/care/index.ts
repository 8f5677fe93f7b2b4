/** The care module's public surface: what the app shell and other modules may import. */
export { careRoutes } from './routes';
/** The tier's tag and colours (the 工作台 shows tiers too). */
export { TIER_COLORS, TierTag } from './shared/CareTags';
