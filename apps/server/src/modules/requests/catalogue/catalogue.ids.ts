// The kinds of ids the catalogue's routes take in their paths; see IdKinds in platform/request-context.ts.
declare module '../../../platform/request-context' {
  interface IdKinds {
    request_category: true;
    request_routing_rule: true;
  }
}

export {};
