// Schemas of the requests module's catalogue part; re-exported by ./requests.ts.
import type { ErrorSpec } from '../error-codes';

export const CATALOGUE_ERRORS = {} as const satisfies Record<string, ErrorSpec>;
