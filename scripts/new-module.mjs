#!/usr/bin/env node
// `npm run new-module NAME`: scaffolds a domain module that passes typecheck, lint and its own tests, and shows in the
// menu. It writes only the module's own folders and adds one entry to the one list, packages/contracts/src/modules.ts:
//   packages/contracts/src/modules/NAME.ts            schemas, permissions with their roles, error codes
//   apps/server/src/modules/NAME/                      tables, migration, repository, policy, service, routes, ids,
//                                                      classification, route-test samples, a test, index.ts
//   apps/web/src/modules/NAME/                         module.tsx (routes + menu), api.ts, words.ts, a list page
// The server loads every listed module; the web shell finds module.tsx files; the route-table tests pick up the samples.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('-'));
const title = args.find((a) => a.startsWith('--title='))?.slice(8) ?? null;

function fail(message) {
  console.error(`new-module: ${message}`);
  process.exit(2);
}

if (!name || !/^[a-z][a-z0-9]{1,23}$/.test(name))
  fail('usage: npm run new-module NAME   (NAME: lower-case letters and digits, e.g. requests)');
const CORE = ['org', 'auth', 'users', 'audit', 'care', 'common', 'app', 'api', 'modules', 'platform', 'contracts'];
if (CORE.includes(name)) fail(`"${name}" is taken`);

const Name = name[0].toUpperCase() + name.slice(1);
const table = `${name}_items`;
const kind = `${name}_item`;
const zhTitle = title ?? `${Name}（新模块）`;
const listFile = path.join(root, 'packages/contracts/src/modules.ts');
const contractFile = path.join(root, `packages/contracts/src/modules/${name}.ts`);
const serverDir = path.join(root, `apps/server/src/modules/${name}`);
const webDir = path.join(root, `apps/web/src/modules/${name}`);
for (const p of [contractFile, serverDir, webDir]) if (existsSync(p)) fail(`${path.relative(root, p)} exists already`);

/** The next free migration number over the shared folder and every module's own. */
function nextMigrationNumber() {
  const dirs = [path.join(root, 'apps/server/src/db/migrations')];
  const modules = path.join(root, 'apps/server/src/modules');
  for (const m of readdirSync(modules))
    if (existsSync(path.join(modules, m, 'migrations'))) dirs.push(path.join(modules, m, 'migrations'));
  const numbers = dirs
    .flatMap((d) => readdirSync(d))
    .map((f) => /^(\d{4})_/.exec(f)?.[1])
    .filter(Boolean)
    .map(Number);
  return String(Math.max(0, ...numbers) + 1).padStart(4, '0');
}

const files = new Map();
const put = (file, text) => files.set(file, `${text.trim()}\n`);

// ── contracts ────────────────────────────────────────────────────────────────────────────────────────────────────────
put(
  contractFile,
  `
// Contracts of the ${name} module (scaffolded by \`npm run new-module\`): schemas, permissions and who holds them,
// error codes. The server and the web import it as '@linli/contracts/modules/${name}'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = ['${name}.read', '${name}.write'] as const;
export type ${Name}Permission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['${name}.read'],
  street_officer: ['${name}.read'],
  community_supervisor: ['${name}.read', '${name}.write'],
  community_worker: ['${name}.read', '${name}.write'],
  social_worker: ['${name}.read', '${name}.write'],
  grid_worker: ['${name}.read', '${name}.write'],
} as const satisfies Partial<Record<Role, readonly ${Name}Permission[]>>;

export const ERRORS = {
  '${name}.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
} as const;

export const ${Name}ItemInput = z.object({
  areaCode: AreaCode,
  title: z.string().trim().min(1).max(100),
});
export type ${Name}ItemInput = z.infer<typeof ${Name}ItemInput>;

export const ${Name}Item = z.object({
  id: Id,
  areaCode: AreaCode,
  title: z.string(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type ${Name}Item = z.infer<typeof ${Name}Item>;

export const ${Name}ItemListQuery = PageQuery.extend({ areaCode: AreaCode.optional() });
export const ${Name}ItemList = Paged(${Name}Item);
export type ${Name}ItemList = z.infer<typeof ${Name}ItemList>;
`,
);

// ── server ───────────────────────────────────────────────────────────────────────────────────────────────────────────
const S = (file, text) => put(path.join(serverDir, file), text);

S(
  `migrations/${nextMigrationNumber()}_${name}.sql`,
  `
-- The ${name} module's first table (scaffolded). Every domain table carries its area code (scope, and the future
-- distribution key); the application role gets its privileges through the default privileges of migration 0010.
CREATE TABLE ${table} (
  id uuid PRIMARY KEY,
  area_code text NOT NULL,
  title text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX ${table}_area_idx ON ${table} (area_code text_pattern_ops, created_at);
`,
);

S(
  `${name}.tables.ts`,
  `
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

export const ${name}Items = pgTable('${table}', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  title: text('title').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});
`,
);

S(
  `${name}.classification.ts`,
  `
import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const classification: Record<string, Record<string, PiClass>> = {
  ${table}: { id: 'none', area_code: 'none', title: 'general', created_by: 'none', created_at: 'none' },
};
export default classification;
`,
);

S(
  `${name}.ids.ts`,
  `
// The kinds of ids this module's routes take in their paths; see IdKinds in platform/request-context.ts.
declare module '../../platform/request-context' {
  interface IdKinds {
    ${kind}: true;
  }
}

export {};
`,
);

S(
  `${name}.repository.ts`,
  `
import { and, count, desc, eq } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { ${name}Items } from './${name}.tables';

export type ${Name}ItemRow = typeof ${name}Items.$inferSelect;

export async function list${Name}Items(db: DbOrTx, filter: { prefixes: readonly string[]; areaCode?: string | undefined; page: number; pageSize: number }) {
  const where = and(inScope(${name}Items.areaCode, filter.prefixes), filter.areaCode ? eq(${name}Items.areaCode, filter.areaCode) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(${name}Items).where(where).orderBy(desc(${name}Items.createdAt), desc(${name}Items.id))
      .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(${name}Items).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function find${Name}Item(db: DbOrTx, id: string): Promise<${Name}ItemRow | null> {
  const [row] = await db.select().from(${name}Items).where(eq(${name}Items.id, id));
  return row ?? null;
}

export function insert${Name}Item(db: DbOrTx, row: typeof ${name}Items.$inferInsert) {
  return db.insert(${name}Items).values(row);
}
`,
);

S(
  `${name}.policy.ts`,
  `
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import type { ${Name}ItemRow } from './${name}.repository';

/** Who may do what with an item: named predicates, and the actions the UI may offer (allowedActions). */
export const ${name}Policy = {
  canRead: (actor: Actor, item: Pick<${Name}ItemRow, 'areaCode'>) => hasPermission(actor, '${name}.read') && codeInPrefixes(item.areaCode, actor.scopePrefixes),
  canCreateIn: (actor: Actor, areaCode: string) => hasPermission(actor, '${name}.write') && codeInPrefixes(areaCode, actor.scopePrefixes),
};

export function allowed${Name}Actions(actor: Actor, item: Pick<${Name}ItemRow, 'areaCode'>): string[] {
  return ${name}Policy.canCreateIn(actor, item.areaCode) ? ['update'] : [];
}
`,
);

S(
  `${name}.service.ts`,
  `
import { randomUUID } from 'node:crypto';
import type { ${Name}Item } from '@linli/contracts/modules/${name}';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { allowed${Name}Actions, ${name}Policy } from './${name}.policy';
import { type ${Name}ItemRow, find${Name}Item, insert${Name}Item, list${Name}Items } from './${name}.repository';

/** Use cases of the ${name} module: authorise → rules → repository in a transaction → audit. */
export class ${Name}Service {
  constructor(private readonly ctx: AppContext) {}

  private toDto(actor: Actor, row: ${Name}ItemRow): ${Name}Item {
    return { id: row.id, areaCode: row.areaCode, title: row.title, createdAt: row.createdAt.toISOString(), allowedActions: allowed${Name}Actions(actor, row) };
  }

  async list(actor: Actor, query: { areaCode?: string | undefined; page: number; pageSize: number }) {
    if (query.areaCode && !${name}Policy.canRead(actor, { areaCode: query.areaCode })) throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await list${Name}Items(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, { action: '${name}.list', objectType: '${kind}', objectIds: rows.map((r) => r.id), fields: ['title'] });
    return { items: rows.map((r) => this.toDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<${Name}Item> {
    const row = await find${Name}Item(this.ctx.db, id);
    if (!row || !${name}Policy.canRead(actor, row)) throw deniedNotFound(this.ctx, actor, '${kind}', [id], '${name}.not_found');
    if (audit) auditRead(this.ctx, actor, { action: '${name}.read', objectType: '${kind}', objectIds: [id], fields: ['title'] });
    return this.toDto(actor, row);
  }

  async create(actor: Actor, input: { areaCode: string; title: string }): Promise<${Name}Item> {
    // An area outside the jurisdiction answers like one that does not exist (ids inside bodies are scope-checked too).
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.status !== 'active' || !${name}Policy.canCreateIn(actor, area.code)) {
      throw new AppError('area.not_found', [{ path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } }]);
    }
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insert${Name}Item(tx, { id, areaCode: area.code, title: input.title, createdBy: actor.userId, createdAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, { action: '${name}.create', objectType: '${kind}', objectIds: [id], fields: ['title'] });
    });
    return this.detail(actor, id, false);
  }
}
`,
);

S(
  `${name}.routes.ts`,
  `
import type {} from './${name}.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import { ${Name}Item, ${Name}ItemInput, ${Name}ItemList, ${Name}ItemListQuery } from '@linli/contracts/modules/${name}';
import type { ${Name}Service } from './${name}.service';

const tags = ['${name}'];

export function ${name}Routes(service: ${Name}Service): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/${name}/items', {
      schema: { tags, querystring: ${Name}ItemListQuery, response: { 200: ${Name}ItemList } },
      config: { permission: '${name}.read', personalData: true },
    }, (req) => service.list(req.actor!, req.query));

    app.post('/api/${name}/items', {
      schema: { tags, body: ${Name}ItemInput, response: { 200: ${Name}Item } },
      config: { permission: '${name}.write', personalData: true },
    }, (req) => service.create(req.actor!, req.body));

    app.get('/api/${name}/items/:id', {
      schema: { tags, params: z.object({ id: Id }), response: { 200: ${Name}Item } },
      config: { permission: '${name}.read', personalData: true, idParams: { id: '${kind}' } },
    }, (req) => service.detail(req.actor!, req.params.id));
  };
}
`,
);

S(
  `${name}.samples.ts`,
  `
import type { ModuleSamples } from '../../../test/route-samples';

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/${name}/items': {},
    'POST /api/${name}/items': { body: ({ org }) => ({ areaCode: org.communityA, title: '样例' }) },
    'GET /api/${name}/items/:id': {},
  },
  /** One object of each of this module's id kinds in the community, made by a worker there. */
  async fixtures(worker, communityCode) {
    const res = await worker.post('/api/${name}/items', { areaCode: communityCode, title: '测试' });
    if (res.statusCode !== 200) throw new Error(\`${name} fixtures: \${res.body}\`);
    return { ${kind}: (res.json() as { id: string }).id };
  },
};
export default samples;
`,
);

S(
  `${name}.test.ts`,
  `
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ${Name}Item, ${Name}ItemList } from '@linli/contracts/modules/${name}';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { createTestApp, signedIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.app.ctx);
});
afterAll(() => t.close());

describe('${name}', () => {
  it('a worker creates an item in their community and lists it; another community sees nothing of it', async () => {
    const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
    const created = ${Name}Item.parse((await client.post('/api/${name}/items', { areaCode: org.communityA, title: '第一项' })).json());
    expect(created).toMatchObject({ areaCode: org.communityA, title: '第一项', allowedActions: ['update'] });
    const list = ${Name}ItemList.parse((await client.get('/api/${name}/items')).json());
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
    const { client: other } = await signedIn(t, ['community_worker'], [org.communityB]);
    expect((await other.get(\`/api/${name}/items/\${created.id}\`)).statusCode).toBe(404);
    expect(${Name}ItemList.parse((await other.get('/api/${name}/items')).json()).total).toBe(0);
    expect((await other.post('/api/${name}/items', { areaCode: org.communityA, title: 'x' })).statusCode).toBe(404);
  });
});
`,
);

S(
  'index.ts',
  `
// Public surface of the ${name} module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { ${Name}Service } from './${name}.service';
import { ${name}Routes } from './${name}.routes';

// Area merges re-code this module's rows too.
registerAreaOwned({ table: '${table}', column: 'area_code' });

export { ${Name}Service } from './${name}.service';

/** Loaded by the server and the CLI because '${name}' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: '${name}',
  register: async (app, ctx) => app.register(${name}Routes(new ${Name}Service(ctx))),
};
`,
);

// ── web ──────────────────────────────────────────────────────────────────────────────────────────────────────────────
const W = (file, text) => put(path.join(webDir, file), text);

W(
  'words.ts',
  `
import { useI18n } from '../../i18n';

/** This module's words in both UI languages (kept with the module, so adding it edits no shared catalogue). */
const WORDS = {
  zh: { title: ${JSON.stringify(zhTitle)}, create: '新建', itemTitle: '标题', area: '区域', createdAt: '创建时间', none: '暂无内容' },
  en: { title: ${JSON.stringify(title ?? Name)}, create: 'New', itemTitle: 'Title', area: 'Area', createdAt: 'Created', none: 'Nothing yet' },
} as const;

export const MENU_LABEL = { zh: WORDS.zh.title, en: WORDS.en.title };

export function use${Name}Words() {
  const { lang } = useI18n();
  return WORDS[lang === 'en' ? 'en' : 'zh'];
}
`,
);

W(
  'api.ts',
  `
import { useQuery } from '@tanstack/react-query';
import type { ${Name}Item, ${Name}ItemInput, ${Name}ItemList } from '@linli/contracts/modules/${name}';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const keys = { all: ['${name}'] as const, list: (page: number) => ['${name}', 'list', page] as const };

export function use${Name}Items(page: number) {
  return useQuery({ queryKey: keys.list(page), queryFn: () => api.get<${Name}ItemList>('/${name}/items', { page, pageSize: 20 }) });
}

export const useCreate${Name}Item = defineMutation({
  mutationFn: (input: ${Name}ItemInput) => api.post<${Name}Item>('/${name}/items', input),
  invalidates: [keys.all],
});
`,
);

W(
  `pages/${Name}ListPage.tsx`,
  `
import { useState } from 'react';
import { Button, Flex, Form, Input, Select } from 'antd';
import { ${Name}ItemInput, type ${Name}Item } from '@linli/contracts/modules/${name}';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { useSession } from '../../auth';
import { useCreate${Name}Item, use${Name}Items } from '../api';
import { use${Name}Words } from '../words';

export default function ${Name}ListPage() {
  const w = use${Name}Words();
  const session = useSession();
  const list = useListState({ url: {} });
  const items = use${Name}Items(list.page);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ areaCode: string; title: string }>();
  const create = useCreate${Name}Item({ form });
  const { rules } = useSchemaForm();
  const nameOf = (code: string) => session.areas.find((a) => a.code === code)?.name ?? code;

  const columns: DataColumn<${Name}Item>[] = [
    { key: 'title', title: w.itemTitle, card: 'title', render: (i) => i.title },
    { key: 'area', title: w.area, render: (i) => nameOf(i.areaCode) },
    { key: 'createdAt', title: w.createdAt, render: (i) => formatDateTime(i.createdAt) },
  ];

  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Flex justify="end">
          <Button type="primary" onClick={() => setCreating(true)} data-testid="${name}-create">{w.create}</Button>
        </Flex>
        <DataTable<${Name}Item>
          testId="${name}-table"
          rowKey={(i) => i.id}
          columns={columns}
          items={items.data?.items}
          query={items}
          empty={w.none}
          paging={{ page: list.page, pageSize: 20, total: items.data?.total, onChange: list.setPage }}
        />
      </Flex>
      {creating ? (
        <FormModal
          title={w.create}
          form={form}
          initialValues={{ areaCode: session.areas[0]?.code }}
          onSubmit={(values) => create.mutateAsync(values).then(() => setCreating(false))}
          onClose={() => setCreating(false)}
          error={create.alertError}
        >
          <Form.Item name="areaCode" label={w.area} rules={rules(${Name}ItemInput.shape.areaCode, { required: true })}>
            <Select options={session.areas.map((a) => ({ value: a.code, label: a.name }))} />
          </Form.Item>
          <Form.Item name="title" label={w.itemTitle} rules={rules(${Name}ItemInput.shape.title, { required: true })}>
            <Input data-testid="${name}-title" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
`,
);

W(
  'module.tsx',
  `
import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const ${Name}ListPage = lazy(() => import('./pages/${Name}ListPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [guardedRoute('${name}', '${name}.read', <${Name}ListPage />)],
  menu: [{ path: '/${name}', label: MENU_LABEL, testId: 'menu-${name}', permission: '${name}.read' }],
};
`,
);

W(
  'index.ts',
  `
/** The ${name} module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
`,
);

// ── write, then the one list entry ───────────────────────────────────────────────────────────────────────────────────
for (const [file, text] of files) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
let list = readFileSync(listFile, 'utf8');
const importMarker = '// new-module: imports above this line';
const entryMarker = '  // new-module: entries above this line';
if (!list.includes(importMarker) || !list.includes(entryMarker))
  fail('packages/contracts/src/modules.ts lost its new-module markers');
list = list.replace(importMarker, `import * as ${name} from './modules/${name}';\n${importMarker}`);
list = list.replace(entryMarker, `  ${name},\n${entryMarker}`);
writeFileSync(listFile, list);

console.log(`created the ${name} module:`);
for (const file of files.keys()) console.log(`  ${path.relative(root, file)}`);
console.log(`  (one entry added to packages/contracts/src/modules.ts)`);
console.log(
  'next: npm run typecheck && npm run lint && npm test; then shape the tables, schemas and pages to the module.',
);
