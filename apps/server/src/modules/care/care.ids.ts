// The kinds of ids this module's routes take in their paths (care objects); see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    client: true;
    visit: true;
    tier_change: true;
    case: true;
    referral: true;
    consent: true;
    export: true;
    household: true;
    client_merge: true;
  }
}

export {};
