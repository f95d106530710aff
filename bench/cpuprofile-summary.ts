/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per package,
 * and inclusive time per function (the share of samples with the function anywhere on the
 * stack), so docs/benchmarks.md can say where an import or a render spends its time without a GUI.
 *
 *   node --import tsx bench/cpuprofile-summary.ts bench/out/prof/<file>.cpuprofile [top=25]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('gebruik: cpuprofile-summary.ts <bestand.cpuprofile> [aantal]');
  process.exit(1);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function packageOf(url: string): string {
  if (url === '') return '(native/V8)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  if (url.startsWith('node:')) return 'node-core';
  const src = /\/work\/main\/(src|bench)\/(.*)$/.exec(url);
  return src ? `${src[1]}/${src[2]}` : url;
}

const perFn = new Map<string, number>();
const perPkg = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const pkg = packageOf(url);
  const key = `${functionName || '(anonymous)'}  ${pkg}:${lineNumber + 1}`;
  perFn.set(key, (perFn.get(key) ?? 0) + us);
  perPkg.set(pkg, (perPkg.get(pkg) ?? 0) + us);
}
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
  }
};
console.log(`totaal ${(total / 1000).toFixed(0)} ms in ${profile.samples.length} samples`);
show('per pakket (eigen tijd)', perPkg);
show('per functie (eigen tijd)', perFn);

// Inclusive: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const keyOf = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'}  ${packageOf(url)}:${lineNumber + 1}`;
};
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const node = byId.get(at);
    if (node && node.callFrame.url !== '') seen.add(keyOf(node));
  }
  for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + us);
}
show('per functie (inclusief aangeroepen functies)', inclusive);
