import { MODULE_NAMES } from '@linli/contracts';
import type { LinliModule } from './platform/module';
import { auditModule } from './modules/audit';
import { authModule } from './modules/auth';
import { careModule } from './modules/care';
import { orgModule } from './modules/org';
import { usersModule } from './modules/users';

/** The core modules, in registration order. */
export const CORE_MODULES: readonly LinliModule[] = [authModule, orgModule, usersModule, auditModule, careModule];

/**
 * The core modules, then each module listed in packages/contracts/src/modules.ts (the one list `npm run new-module`
 * adds to), loaded from `modules/<name>/index.ts`, which exports it as `module`.
 */
export async function loadModules(): Promise<readonly LinliModule[]> {
  const listed = await Promise.all(
    MODULE_NAMES.map(async (name) => {
      const loaded = (await import(`./modules/${name}/index.ts`)) as { module?: LinliModule };
      if (!loaded.module) throw new Error(`modules/${name}/index.ts must export its LinliModule as \`module\``);
      return loaded.module;
    }),
  );
  return [...CORE_MODULES, ...listed];
}
