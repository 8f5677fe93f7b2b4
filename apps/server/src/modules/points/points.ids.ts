// This module's routes take no ids of their own in their paths (accounts are named in the query string; volunteers
// by the volunteers module's id kind). See IdKinds in platform/request-context.ts.
export {};
