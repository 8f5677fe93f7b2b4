import { XLSX_MIME } from '@linli/contracts';
import { ledgerFile } from '../../../test/factories/care';
import type { ModuleSamples } from '../../../test/route-samples';
import { catalogueFixtures, catalogueSamples } from './catalogue/catalogue.samples';
import { coreFixtures, coreSamples } from './requests-core.sample-data';

/** A one-row 12345 work-order sheet in the caller's community (a dry run answers with its row report). */
const hotlineSample = async ({ org }: { org: { communityA: string } }) => ({
  body: await ledgerFile([
    ['工单编号', '来电时间', '诉求类别', '诉求内容', '所属社区'],
    ['GD-SAMPLE-1', '2026-02-01 09:30', '路灯损坏', '路灯不亮', org.communityA],
  ]),
  contentType: XLSX_MIME,
});

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    ...catalogueSamples,
    ...coreSamples,
    // Figures, ledger export, 12345 import (figures/, import/).
    'GET /api/requests/figures': { query: 'from=2026-01-01&to=2026-03-31&groupBy=category' },
    'GET /api/requests/ledger/export': { query: 'from=2026-01-01&to=2026-03-31' },
    'GET /api/requests/import/template': {},
    'POST /api/requests/import': { query: 'dryRun=true', raw: hotlineSample },
    'POST /api/requests/import/errors': { raw: hotlineSample },
  },
  async fixtures(worker, communityCode) {
    const catalogue = await catalogueFixtures(worker, communityCode);
    return { ...catalogue, ...(await coreFixtures(worker, communityCode, catalogue.request_category!)) };
  },
};
export default samples;
