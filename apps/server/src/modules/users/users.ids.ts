// The kinds of ids this module's routes take in their paths (a user account); see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    user: true;
  }
}

export {};
