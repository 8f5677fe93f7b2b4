// A local ESLint rule: the module boundaries of ARCHITECTURE.md, decided on the resolved path of each import (so
// `../users/x`, `../../users/x` and `…/modules/users/x` are the same import), not on how the specifier is spelled.
//  - a domain module imports another module only through its index.ts;
//  - platform/ (server) and components/, lib/, i18n/ (web) import no domain module;
//  - in the web app the shell (app/) imports modules through their index.ts only, and no module imports the shell.
import path from 'node:path';

const ROOTS = [
  { app: 'apps/server/src', shared: ['platform'] },
  { app: 'apps/web/src', shared: ['components', 'lib', 'i18n'], shell: 'app' },
];

function locate(file, cwd) {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  for (const root of ROOTS) {
    if (!rel.startsWith(`${root.app}/`)) continue;
    const inner = rel.slice(root.app.length + 1).split('/');
    if (inner[0] === 'modules' && inner.length > 2) return { root, module: inner[1], rest: inner.slice(2).join('/') };
    return { root, module: null, top: inner[0] };
  }
  return null;
}

const isIndex = (rest) => rest === '' || /^index(\.tsx?|\.js)?$/.test(rest);

export default {
  meta: {
    type: 'problem',
    docs: { description: 'module boundaries: another module only through its index.ts; shared code imports no module' },
    schema: [],
    messages: {
      internals:
        "'{{target}}' is inside module '{{module}}': import from its index.ts instead ('…/modules/{{module}}')",
      shared: "{{top}}/ knows no domain module: it may not import '{{target}}'",
      shell: "a module never imports the app shell ('{{target}}'): the shell imports modules",
    },
  },
  create(context) {
    const cwd = context.cwd ?? process.cwd();
    const here = locate(context.filename, cwd);
    if (!here) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(context.filename), source);
      const there = locate(resolved, cwd);
      if (
        there &&
        there.root === here.root &&
        here.module !== null &&
        here.root.shell &&
        there.module === null &&
        there.top === here.root.shell
      ) {
        context.report({ node, messageId: 'shell', data: { target: source } });
        return;
      }
      if (!there || there.root !== here.root || there.module === null) {
        // A path to a module folder itself (`../care`) resolves to its index: fine.
        const rel = path.relative(cwd, resolved).split(path.sep).join('/');
        const m = rel.match(/\/modules\/([^/]+)$/);
        if (!m || !here.root.shared.includes(here.top)) return;
        context.report({ node, messageId: 'shared', data: { top: here.top, target: source } });
        return;
      }
      if (here.module === null) {
        if (here.root.shared.includes(here.top))
          context.report({ node, messageId: 'shared', data: { top: here.top, target: source } });
        else if (here.top === here.root.shell && !isIndex(there.rest))
          context.report({ node, messageId: 'internals', data: { target: source, module: there.module } });
        return;
      }
      if (there.module !== here.module && !isIndex(there.rest)) {
        context.report({ node, messageId: 'internals', data: { target: source, module: there.module } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
