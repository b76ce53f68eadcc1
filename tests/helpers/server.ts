/**
 * A static file server for a built site, as a static host serves it
 * (sirv, with `compression` for gzip): `/path/` → `/path/index.html`,
 * unknown paths → `/404.html` with status 404. With `base` (`/repo/`), the
 * site is served under that path only, as GitHub Pages serves a project
 * site. Responses carry the headers of the site's own `_headers` file, read
 * with Netlify's parser, as Netlify and Cloudflare Pages send them. With
 * `compress`, text is sent gzipped to a client that accepts it, as every
 * static host sends it (Lighthouse times what it is sent; the tests count
 * bytes themselves, so they leave it off). Listens on 127.0.0.1 only, on a
 * free port.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseAllHeaders, type Header } from '@netlify/headers-parser';
import compression from 'compression';
import sirv from 'sirv';

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/** The headers a host sends for `pathname`: every matching rule's, values of the same name joined as the hosts join them. */
export function hostHeaders(rules: readonly Header[], pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules.filter((r) => r.forRegExp.test(pathname))) {
    for (const [k, v] of Object.entries(rule.values)) headers[k.toLowerCase()] = headers[k.toLowerCase()] ? `${headers[k.toLowerCase()]}, ${v}` : v;
  }
  return headers;
}

/** The rules of the `_headers` file in `root`, if there is one. */
export async function headerRules(root: string): Promise<Header[]> {
  const file = path.join(root, '_headers');
  if (!fs.existsSync(file)) return [];
  const { headers, errors } = await parseAllHeaders({ headersFiles: [file], configHeaders: undefined, minimal: false });
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((e) => e.message).join('; ')}`);
  return headers as Header[];
}

export async function serve(root: string, port = 0, prefix = '/', { compress = false } = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const rules = await headerRules(base);
  const headersFor = (res: http.ServerResponse, requested: string) => {
    for (const [k, v] of Object.entries(hostHeaders(rules, requested))) res.setHeader(k, v);
  };
  const files = sirv(base, { etag: false, dotfiles: false, setHeaders: (res, pathname) => headersFor(res, `${prefix}${pathname.slice(1)}`) });
  const notFound = path.join(base, '404.html');
  const gzip = compress ? compression({ threshold: 0 }) : undefined;
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!requested.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the site');
      return;
    }
    req.url = `/${(req.url ?? '/').slice(prefix.length)}`;
    files(req, res, () => {
      headersFor(res, requested);
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      fs.createReadStream(notFound).pipe(res);
    });
  };
  const server = http.createServer((req, res) => (gzip ? gzip(req as never, res as never, () => handle(req, res)) : handle(req, res)));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listening}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
