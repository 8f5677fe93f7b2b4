import type { LinliModule } from './platform/module';
import { auditModule } from './modules/audit';
import { authModule } from './modules/auth';
import { careModule } from './modules/care';
import { orgModule } from './modules/org';
import { usersModule } from './modules/users';

/** Every domain module, in registration order. A new module is one entry here (and its own folders). */
export const LINLI_MODULES: readonly LinliModule[] = [
  authModule,
  orgModule,
  usersModule,
  auditModule,
  careModule,
];
