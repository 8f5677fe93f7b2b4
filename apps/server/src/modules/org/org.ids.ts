// The kinds of ids this module's routes take in their paths (an area code (district, street, community or grid)); see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    area: true;
  }
}

export {};
