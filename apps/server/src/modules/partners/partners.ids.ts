// The kinds of ids this module's routes take in their paths; see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    /** A partner member's account (a users row with an organisation). */
    partner_account: true;
  }
}

export {};
