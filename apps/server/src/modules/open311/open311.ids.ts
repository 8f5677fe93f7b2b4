// The kinds of ids this module's routes take in their paths; see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    /** An API key (admin routes, scope-checked). */
    open311_key: true;
    /** Public GeoReport paths: a service code, a request number, a token — each followed by .json or .xml. */
    open311_service: true;
    open311_request: true;
    open311_token: true;
  }
}

export {};
