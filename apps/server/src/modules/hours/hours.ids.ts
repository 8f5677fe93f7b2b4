// The kinds of ids this module's routes take in their paths; see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    hour_entry: true;
    hour_claim: true;
    hour_certificate: true;
    /** A request for the national CSV with full ID numbers (hour_export_requests). */
    hour_export: true;
    /** The public verification code of a certificate (the public page; no jurisdiction). */
    hour_certificate_code: true;
  }
}

export {};
