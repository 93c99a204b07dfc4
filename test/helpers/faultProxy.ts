import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Faults {
  /** Forward the request, then answer the console with a 502: the hub did the work, the console never hears. */
  dropResponse: number;
  /** Send the request to the hub twice; the console gets the second answer. */
  duplicate: number;
  /** Refuse everything: the workstation is offline. */
  offline: boolean;
  /** Rewrite request headers, e.g. to pose as a console of another schema version. */
  headers?: (h: Record<string, string>) => Record<string, string>;
}

export interface FaultProxy {
  url: string;
  faults: Faults;
  stats: { forwarded: number; dropped: number; duplicated: number; refused: number };
  close(): Promise<void>;
}

/** A loopback proxy between one console and the hub that injects network faults, driven by the test's seeded RNG. */
export async function startFaultProxy(target: () => string, rng: () => number): Promise<FaultProxy> {
  const faults: Faults = { dropResponse: 0, duplicate: 0, offline: false };
  const stats = { forwarded: 0, dropped: 0, duplicated: 0, refused: 0 };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    // The live stream would hold the connection open; these consoles sync on demand.
    if (faults.offline || req.url?.startsWith('/sync/events')) {
      stats.refused++;
      res.socket?.destroy();
      return;
    }
    const forward = () =>
      fetch(new URL(req.url ?? '/', target()), {
        method: req.method,
        headers: (faults.headers ?? ((h) => h))(
          Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>,
        ),
        ...(body.length ? { body } : {}),
      });
    try {
      let upstream = await forward();
      if (rng() < faults.duplicate) {
        stats.duplicated++;
        await upstream.arrayBuffer();
        upstream = await forward();
      }
      const payload = Buffer.from(await upstream.arrayBuffer());
      if (rng() < faults.dropResponse) {
        stats.dropped++;
        res.socket?.destroy();
        return;
      }
      stats.forwarded++;
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(payload);
    } catch {
      stats.refused++;
      res.socket?.destroy();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    stats,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** mulberry32: small, seedable, good enough to replay a failing run from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
