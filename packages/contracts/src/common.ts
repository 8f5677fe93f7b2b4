import { z } from 'zod';

/** UUID primary keys everywhere: ids never reveal counts or order. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const IsoDateTime = z.string().describe('ISO 8601 timestamp in UTC');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function Paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const FieldError = z.object({ path: z.string(), message: z.string() });

/** Every error response has this body: `code` is also the i18n key the web app translates. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  fields: z.array(FieldError).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
