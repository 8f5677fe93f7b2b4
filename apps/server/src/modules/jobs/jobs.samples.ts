import type { ModuleSamples } from '../../../test/route-samples';

/** Samples of this module's routes for the route-table tests (authentication, permission, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/jobs': { as: 'system_admin' },
  },
  /** The module has no objects of its own in a community. */
  async fixtures() {
    return {};
  },
};
export default samples;
