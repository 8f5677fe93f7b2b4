import type { RouteObject } from 'react-router-dom';
import type { Permission } from './types';

/** A words-in-both-languages pair, for modules that carry their own catalogue. */
export interface Words {
  zh: string;
  en: string;
}

export interface WebModuleMenuEntry {
  path: string;
  label: Words;
  testId: string;
  /** Omitted: everyone signed in sees it. */
  permission?: Permission;
}

/**
 * What a module made with `npm run new-module` gives the shell, from its `module.tsx` (`export const webModule`): its
 * routes inside the signed-in layout and its menu entries. The shell finds every such file at build time, so a new
 * module needs no edit outside its folder.
 */
export interface WebModule {
  routes: RouteObject[];
  menu: WebModuleMenuEntry[];
  /** Pages outside the staff shell and /m that anyone may open without signing in (e.g. /verify/:code). */
  publicRoutes?: RouteObject[];
}
