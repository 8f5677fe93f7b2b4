// The care module's contracts, by domain object (care/*.ts); everything is exported from here and from the package.
export * from './care/values';
export * from './care/clients';
export * from './care/tiers';
export * from './care/visits';
export * from './care/ledger';
export * from './care/exports';
export * from './care/home';
