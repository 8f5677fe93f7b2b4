import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context';

/**
 * A domain module as the server and the CLI see it: `setup` hooks it into the context (event handlers), `register`
 * adds its routes, `start` begins its background work and returns how to stop it. The list lives in src/modules.ts;
 * adding a module is one entry there (`npm run new-module NAME` writes both).
 */
export interface LinliModule {
  name: string;
  /** Event handlers and the like; run by the server and by the CLI (so a CLI change triggers the same handlers). */
  setup?(ctx: AppContext): void;
  /** The module's routes (Fastify plugins). */
  register?(app: FastifyInstance, ctx: AppContext): Promise<void>;
  /** Background work (timers, folders); returns its stop function. */
  start?(ctx: AppContext): () => Promise<void>;
}

/** Runs every module's setup (the server and the CLI call this once per context). */
export function setupModules(modules: readonly LinliModule[], ctx: AppContext): void {
  for (const module of modules) module.setup?.(ctx);
}
