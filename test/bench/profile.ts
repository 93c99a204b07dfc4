import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function, largest first. */
  top: { fn: string; selfMs: number; pct: number }[];
  /** Inclusive time (self + callees) of the functions asked for. */
  inclusive: Record<string, { ms: number; pct: number }>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function label(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url ? path.relative(ROOT, url.replace(/^file:\/\//, '')) : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/** Runs fn under the V8 sampling profiler of this process and summarises where the time went. */
export async function profiled<T>(
  fn: () => Promise<T>,
  inclusiveOf: readonly string[],
  intervalUs = 200,
): Promise<{ result: T; summary: ProfileSummary }> {
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await s.post('Profiler.start');
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    await s.post('Profiler.stop').catch(() => undefined);
    s.disconnect();
    throw err;
  }
  const { profile } = (await s.post('Profiler.stop')) as unknown as { profile: Profile };
  s.disconnect();
  return { result, summary: summarise(profile, inclusiveOf) };
}

export function summarise(p: Profile, inclusiveOf: readonly string[]): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
  const totalMs = (p.endTime - p.startTime) / 1000;
  const byFn = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id);
    if (n) byFn.set(label(n), (byFn.get(label(n)) ?? 0) + ms);
  }
  const top = [...byFn.entries()]
    .filter(([fn]) => fn !== '(idle)' && fn !== '(program)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([fn, ms]) => ({ fn, selfMs: Math.round(ms), pct: Math.round((ms / totalMs) * 1000) / 10 }));
  const idle = [...byFn.entries()].filter(([fn]) => fn === '(idle)').reduce((a, [, ms]) => a + ms, 0);
  if (idle) top.push({ fn: '(idle: waiting for I/O)', selfMs: Math.round(idle), pct: Math.round((idle / totalMs) * 1000) / 10 });

  // Inclusive: sum self time of every node under the first (outermost) frame named X.
  const inclusive: ProfileSummary['inclusive'] = {};
  const root = p.nodes[0]!;
  for (const name of inclusiveOf) {
    let ms = 0;
    const walk = (n: ProfileNode, inside: boolean) => {
      const hit = inside || n.callFrame.functionName === name;
      if (hit) ms += self.get(n.id) ?? 0;
      for (const c of n.children ?? []) walk(byId.get(c)!, hit);
    };
    walk(root, false);
    inclusive[name] = { ms: Math.round(ms), pct: Math.round((ms / totalMs) * 1000) / 10 };
  }
  return { totalMs: Math.round(totalMs), top, inclusive };
}
