// The kinds of ids this module's routes take in their paths; see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    volunteer: true;
    volunteer_team: true;
    volunteer_membership: true;
    volunteer_correction: true;
  }
}

export {};
