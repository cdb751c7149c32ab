// The host application's server for the consumer apps, on 127.0.0.1: what a real login site has around
// the prompt. It serves each app's built page, issues the first-factor ticket after the (skipped) password
// step, redeems the prompt's login token, and answers the contract's routes (`/mfa/...`) with the
// package's own simulator (test/consumers/server/backend.mjs, mfa-prompt/mock from the tarball), so the
// pages talk to one origin exactly as in production.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * @param {{ backend: { simulator: object, answer: (request: Request) => Promise<Response | undefined> },
 *   sites: Record<string, string>, pageTransforms?: Record<string, (html: string) => Promise<string>> }} options
 *   backend: createBackend() of server/backend.mjs;
 *   sites: URL prefix ("react") → directory served under `/react/`;
 *   pageTransforms: prefix → what the host's server does to that site's index.html before sending it.
 */
export async function startHost({ backend, sites, pageTransforms = {} }) {
  const { simulator } = backend;
  /** Tokens the host redeemed at `POST /login/finish`: `{ username, method }` each, in order. */
  const logins = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname.startsWith('/mfa/')) return answerWith(backend, req, res);
    if (url.pathname === '/login/ticket' && req.method === 'GET') {
      // The host knows who passed the password step; here always alice, a user with a phone.
      return json(res, 200, { ticket: simulator.issueTicket('alice') });
    }
    if (url.pathname === '/login/finish' && req.method === 'POST') {
      const { token } = JSON.parse(await readBody(req));
      const { username, method } = simulator.redeemLoginToken(token);
      logins.push({ username, method });
      return json(res, 200, { ok: true });
    }
    if (url.pathname === '/' || url.pathname === '/favicon.ico') {
      res.writeHead(url.pathname === '/' ? 200 : 204, { 'Content-Type': TYPES['.html'] });
      return res.end(url.pathname === '/' ? '<!doctype html><html lang="en"><title>Home</title><main><h1>Welcome</h1></main></html>' : '');
    }
    const [, prefix, ...rest] = url.pathname.split('/');
    const root = sites[prefix];
    if (!root) return json(res, 404, { error: `no site at /${prefix}/` });
    const file = normalize(join(root, ...(rest.length === 0 || rest.at(-1) === '' ? [...rest, 'index.html'] : rest)));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return json(res, 404, { error: 'not found' });
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const transform = pageTransforms[prefix];
    if (transform && file === join(root, 'index.html')) {
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      return res.end(await transform(readFileSync(file, 'utf8')));
    }
    res.writeHead(200, { 'Content-Type': type });
    createReadStream(file).pipe(res);
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    logins,
    /** What the host's server does after the password step: a ticket for the prompt. */
    issueTicket: (username) => simulator.issueTicket(username),
    /** The user's phone (mfa-prompt/mock's control API): `pendingPush()`, `approvePush(code)`, ... */
    phone: (username) => simulator.phone(username),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Hands a request to the backend as a fetch Request and streams its Response back. A page that goes away
 * (navigation, a canceled long poll) aborts the Request, so the simulator lets go of it.
 */
async function answerWith(backend, req, res) {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: body || undefined, signal: controller.signal });
  const response = await backend.answer(request);
  if (controller.signal.aborted) return;
  if (!response) return json(res, 404, { error: { code: 'not_found', message: `no route ${req.method} ${req.url}` } });
  const answerHeaders = Object.fromEntries(response.headers);
  if (response.headers.getSetCookie().length > 0) answerHeaders['set-cookie'] = response.headers.getSetCookie();
  res.writeHead(response.status, answerHeaders);
  if (!response.body) return res.end();
  const stream = Readable.fromWeb(response.body);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': TYPES['.json'], 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
