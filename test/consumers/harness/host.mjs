// The host application's server for the consumer apps, on 127.0.0.1: what a real login site has around
// the prompt. It serves each app's built page, issues the first-factor ticket after the (skipped) password
// step, redeems the prompt's login token, and forwards the contract's routes (`/mfa/...`) to the MFA
// backend, so the pages talk to one origin exactly as in production.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * @param {{ backendUrl: string, sites: Record<string, string>, pageTransforms?: Record<string, (html: string) => Promise<string>> }} options
 *   backendUrl: the MFA backend's origin (it answers `/mfa/...` and `/mfa/_test/...`);
 *   sites: URL prefix ("react") → directory served under `/react/`;
 *   pageTransforms: prefix → what the host's server does to that site's index.html before sending it.
 */
export async function startHost({ backendUrl, sites, pageTransforms = {} }) {
  /** Tokens the host redeemed at `POST /login/finish`: `{ username, method }` each, in order. */
  const logins = [];
  const control = (path, body) => controlCall(backendUrl, path, body);

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname.startsWith('/mfa/')) return forward(req, res, backendUrl);
    if (url.pathname === '/login/ticket' && req.method === 'GET') {
      // The host knows who passed the password step; here always alice, a user with a phone.
      const { ticket } = await control('/mfa/_test/tickets', { username: 'alice' });
      return json(res, 200, { ticket });
    }
    if (url.pathname === '/login/finish' && req.method === 'POST') {
      const { token } = JSON.parse(await readBody(req));
      logins.push(await control('/mfa/_test/login-tokens/redeem', { token }));
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
    control,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One call to the backend's test-control API (docs/test-control.md): JSON in, JSON (or nothing) out. */
async function controlCall(backendUrl, path, body) {
  const response = await fetch(`${backendUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: the backend answered ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Streams a request to the backend and its answer back (long polls included). */
function forward(req, res, backendUrl) {
  const target = new URL(req.url, backendUrl);
  const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
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
