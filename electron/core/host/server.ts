import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_REQUEST_BYTES } from '../../../shared/api/bounds';
import { EVENT_NAMES } from '../../../shared/api/events';
import { type Core, openCore } from '../index';
import { jobsOf } from '../jobs/runner';
import { CSP, isTrustedRequest, readCookie, SESSION_COOKIE, sessionCookie } from './security';

export interface HostOptions {
  dataDir: string;
  /** The store key (cli.ts reads HOTLINE_DB_KEY or `<dataDir>.key`); without it the store is plaintext (tests). */
  key?: Uint8Array;
  port: number;
  /** Built renderer (vite build output). */
  rendererDir: string;
  logLevel?: 'silent' | 'info' | 'warn';
}

export interface Host {
  app: FastifyInstance;
  core: Core;
  url: string;
  close(): Promise<void>;
}

/** The largest request is callbacks.import (5 MiB of base64); shared/api/bounds.ts has the number and why. */
const MAX_BODY = MAX_REQUEST_BYTES;

/** `npm run web`: the renderer and the same core as the desktop app, with HTTP standing in for IPC. */
export async function startHost(opts: HostOptions): Promise<Host> {
  const app = Fastify({ logger: { level: opts.logLevel ?? 'info' }, bodyLimit: MAX_BODY });
  const core = openCore({
    dataDir: opts.dataDir,
    logger: app.log,
    ...(opts.key ? { key: opts.key, onStoreProgress: (message: string) => console.log(`store: ${message}`) } : {}),
  });

  app.addHook('onRequest', async (req, reply) => {
    if (!isTrustedRequest(req.headers)) {
      req.log.warn({ host: req.headers.host, origin: req.headers.origin }, 'refused untrusted request');
      return reply.code(403).send({ ok: false, error: { code: 'forbidden', message: 'requests must come from this machine and this origin' } });
    }
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  // Malformed JSON and oversized bodies get the same envelope as any other bad input.
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'host error');
    const code = status === 413 ? 'payload_too_large' : status === 400 || status === 415 ? 'invalid_params' : 'internal';
    reply.code(status).send({ ok: false, error: { code, message: status >= 500 ? 'internal error; the details are in the log' : err.message } });
  });

  app.post<{ Params: { method: string } }>('/rpc/:method', async (req, reply) => {
    if (req.headers['x-hotline'] !== '1') {
      return reply.code(403).send({ ok: false, error: { code: 'forbidden', message: 'missing x-hotline header' } });
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const out = await core.invoke(token, req.params.method, req.body ?? {});
    if (out.token !== undefined) reply.header('set-cookie', sessionCookie(out.token));
    return out.envelope;
  });

  app.get('/events', async (req, reply) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const check = await core.invoke(token, 'auth.session', {});
    if (!check.envelope.ok) return reply.code(401).send(check.envelope);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const off = core.onEvent((name, payload) => {
      if (EVENT_NAMES.includes(name)) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      off();
    });
  });

  // A finished job's file (the full tracking sheet), downloaded by URL so that neither the page nor this
  // process holds it whole. Only its owner's session may take it, once; then it is deleted.
  app.get<{ Params: { jobId: string } }>('/jobs/:jobId/file', async (req, reply) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const check = await core.invoke(token, 'auth.session', {});
    if (!check.envelope.ok) return reply.code(401).send(check.envelope);
    const session = check.envelope.result as { user: { id: string }; locked?: boolean };
    if (session.locked) return reply.code(403).send({ ok: false, error: { code: 'session_locked', message: 'the console is locked' } });
    let taken: ReturnType<ReturnType<typeof jobsOf>['take']>;
    try {
      taken = jobsOf(core.context).take(req.params.jobId, session.user.id);
    } catch {
      return reply.code(404).send({ ok: false, error: { code: 'not_found', message: 'no such file: it was taken already, has expired, or is not yours' } });
    }
    const stream = fs.createReadStream(taken.file);
    stream.on('close', taken.done);
    const ascii = taken.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    reply
      .header('content-type', taken.mime)
      .header('content-length', String(taken.size))
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(taken.filename)}`)
      .header('cache-control', 'no-store');
    return reply.send(stream);
  });

  // The softphone / CTI hook of the browser host: the same screen pop as `--incoming` in the app.
  app.post<{ Body: { number?: unknown } }>('/cti/incoming', async (req, reply) => {
    const number = req.body?.number;
    if (typeof number !== 'string' || !/\d{3,}/.test(number) || number.length > 40) {
      return reply.code(400).send({ ok: false, error: { code: 'invalid_params', message: 'body must be {"number": "<phone number>"}' } });
    }
    core.incomingCall(number);
    return { ok: true, result: { delivered: true } };
  });

  if (fs.existsSync(path.join(opts.rendererDir, 'index.html'))) {
    // Dot files (the build's source stamp) are not part of the page.
    await app.register(fastifyStatic, { root: path.resolve(opts.rendererDir), index: 'index.html', dotfiles: 'ignore' });
  } else {
    app.get('/', async (_req, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send(`The renderer is not built: run "npm run build:renderer" (looked in ${opts.rendererDir}).`),
    );
  }

  let address: string;
  try {
    address = await app.listen({ host: '127.0.0.1', port: opts.port });
  } catch (err) {
    // The store's process lock must not outlive a host that never started (a port in use).
    core.close();
    throw err;
  }
  return {
    app,
    core,
    url: address,
    async close() {
      await app.close();
      core.close();
    },
  };
}
