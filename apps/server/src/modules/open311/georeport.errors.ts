/**
 * A refusal in GeoReport's own terms: the status and a description, answered as the standard's error list
 * (`[{code, description}]` / `<errors><error>…`). Descriptions are English, like the standard's examples; the code
 * is the HTTP status, as the standard's examples do.
 */
export class GeoError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly description: string,
  ) {
    super(description);
  }
}

export const badRequest = (description: string) => new GeoError(400, description);
export const notFound = (description: string) => new GeoError(404, description);
