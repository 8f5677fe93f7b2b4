// The compiled server profiling itself, for the bench's probes: a preload module (node:inspector; --cpu-prof is not
// allowed in NODE_OPTIONS) that writes DIR/server-<pid>.cpuprofile when the server exits, and a summary of such a
// profile by package and by function.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes the preload into `work` and returns the NODE_OPTIONS that load it. `startOn: 'SIGUSR2'` profiles only from
 * that signal on (after a warm-up), 'boot' from the start.
 */
export function profilerPreload(work: string, outDir: string, startOn: 'boot' | 'SIGUSR2'): string {
  const preload = path.join(work, 'cpu-profile.mjs');
  const start = "session.post('Profiler.start')";
  writeFileSync(
    preload,
    `import inspector from 'node:inspector';
import { writeFileSync } from 'node:fs';
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
${startOn === 'boot' ? start : `process.on('SIGUSR2', () => ${start})`};
process.on('exit', () =>
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(${JSON.stringify(outDir)} + '/server-' + process.pid + '.cpuprofile', JSON.stringify(result.profile));
  }),
);
`,
  );
  return `--import ${preload}`;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Where a frame's code lives: an npm package, a server source folder (from the bundle's source map names), or Node. */
function owner(frame: ProfileNode['callFrame']): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1]!;
  if (frame.url.includes('/apps/server/')) return 'server';
  return frame.url || frame.functionName;
}

/** The share of samples by owner (self and inclusive) and the functions with the most self time. */
export function summariseProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map<number, number>();
  for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const selfByOwner = new Map<string, number>();
  const inclusiveByOwner = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const [id, n] of hits) {
    const frame = byId.get(id)!.callFrame;
    add(selfByOwner, owner(frame), n);
    add(
      selfByFunction,
      `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*node_modules\//, '')}:${frame.lineNumber}`,
      n,
    );
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const o = owner(byId.get(at)!.callFrame);
      if (!seen.has(o)) add(inclusiveByOwner, o, n);
      seen.add(o);
    }
  }
  const total = profile.samples.length;
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, n]) => `  ${((100 * n) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  return [
    `${total} samples`,
    'self time by owner:',
    list(selfByOwner),
    'inclusive time by owner:',
    list(inclusiveByOwner),
    'self time by function:',
    list(selfByFunction),
  ].join('\n');
}
