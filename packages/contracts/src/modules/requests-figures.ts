// Schemas of the requests module's figures part; re-exported by ./requests.ts.
import type { ErrorSpec } from '../error-codes';

export const FIGURES_ERRORS = {} as const satisfies Record<string, ErrorSpec>;
