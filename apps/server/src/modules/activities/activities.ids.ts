// The kinds of ids this module's routes take in their paths; see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    activity: true;
    activity_participation: true;
  }
}

export {};
