import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

/**
 * The lint config enforces the anatomy (ARCHITECTURE.md): deliberate violations in scratch files (linted as text, at
 * paths inside the tree, never written) must fail, and the same imports done right must pass.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint: module boundaries, SQL in repositories, format', () => {
  it('refuses another module’s internals however the path is spelled, and allows its index', async () => {
    expect(
      await problems(
        'apps/server/src/modules/care/scratch.ts',
        "import { users } from '../users/users.tables';\nexport const x = users;\n",
      ),
    ).toEqual([expect.stringContaining('linli/module-boundaries')]);
    expect(
      await problems(
        'apps/server/src/modules/care/clients/scratch.ts',
        "import { UsersService } from '../../users/users.service';\nexport const x = UsersService;\n",
      ),
    ).toEqual([expect.stringContaining('linli/module-boundaries')]);
    expect(
      await problems(
        'apps/server/src/modules/care/clients/scratch.ts',
        "import { UsersService } from '../../users';\nexport const x = UsersService;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the platform free of domain modules', async () => {
    expect(
      await problems(
        'apps/server/src/platform/scratch.ts',
        "import { ClientsService } from '../modules/care';\nexport const x = ClientsService;\n",
      ),
    ).toEqual([expect.stringContaining('linli/module-boundaries')]);
  });

  it('keeps queries out of services', async () => {
    expect(
      await problems(
        'apps/server/src/modules/care/clients/scratch.service.ts',
        "import { eq } from 'drizzle-orm';\nexport const x = eq;\n",
      ),
    ).toEqual([expect.stringContaining('no-restricted-imports')]);
  });

  it('holds in the web app too', async () => {
    expect(
      await problems(
        'apps/web/src/modules/users/scratch.ts',
        "import { x } from '../care/clients/api';\nexport const y = x;\n",
      ),
    ).toEqual(expect.arrayContaining([expect.stringContaining('module-boundaries')]));
    expect(
      await problems(
        'apps/web/src/components/scratch.ts',
        "import { x } from '../modules/care';\nexport const y = x;\n",
      ),
    ).toEqual(expect.arrayContaining([expect.stringContaining('module-boundaries')]));
    expect(
      await problems(
        'apps/web/src/modules/care/clients/scratch.ts',
        "import { x } from '../../../app/routes';\nexport const y = x;\n",
      ),
    ).toEqual(expect.arrayContaining([expect.stringContaining('module-boundaries')]));
    expect(
      await problems(
        'apps/web/src/app/scratch.ts',
        "import { x } from '../modules/care/clients/api';\nexport const y = x;\n",
      ),
    ).toEqual(expect.arrayContaining([expect.stringContaining('module-boundaries')]));
    expect(
      await problems('apps/web/src/app/scratch.ts', "import { x } from '../modules/care';\nexport const y = x;\n"),
    ).toEqual([]);
  });

  it('refuses a file past 300 lines and a function past 60 (a web component past 150)', async () => {
    const longFile = Array.from({ length: 301 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    expect(await problems('apps/server/src/modules/care/clients/scratch.ts', longFile)).toEqual([
      expect.stringContaining('max-lines'),
    ]);
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};\n  void v${i};`).join('\n');
    const longFunction = `export function long(): void {\n${body(31)}\n}\n`;
    expect(await problems('apps/server/src/modules/care/clients/scratch.ts', longFunction)).toEqual([
      expect.stringContaining('max-lines-per-function'),
    ]);
    const component = `export function Page() {\n${body(31)}\n  return null;\n}\n`;
    expect(await problems('apps/web/src/modules/care/clients/Scratch.tsx', component)).toEqual([]);
  });

  it('checks the format (Prettier, 120 columns) as part of npm run lint', async () => {
    const file = path.join(root, 'apps/server/src/modules/care/scratch.ts');
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    expect(options.printWidth).toBe(120);
    expect(await prettier.check('export const x = {a:1,b:2}\n', options)).toBe(false);
    expect(await prettier.check('export const x = { a: 1, b: 2 };\n', options)).toBe(true);
  });
});
