/**
 * A minimal static file server for a built site, as a static host serves it:
 * `/path/` → `/path/index.html`, unknown paths → `/404.html` with status 404.
 * With `base` (`/repo/`), the site is served under that path only, as
 * GitHub Pages serves a project site. Responses carry the headers of the
 * site's own `_headers` file, read with Netlify's parser, as Netlify and
 * Cloudflare Pages send them. With `compress`, text is sent gzipped to a
 * client that accepts it, as every static host sends it (Lighthouse times
 * what it is sent; the tests count bytes themselves, so they leave it off).
 * Listens on 127.0.0.1 only, on a free port.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { parseAllHeaders, type Header } from '@netlify/headers-parser';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

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
  const server = http.createServer((req, res) => {
    const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!requested.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the site');
      return;
    }
    const pathname = `/${requested.slice(prefix.length)}`;
    let file = path.join(base, pathname);
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      status = 404;
      file = path.join(base, '404.html');
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { ...hostHeaders(rules, requested), 'content-type': type };
    if (compress && /^(text\/|application\/(json|xml))/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
      res.writeHead(status, { ...headers, 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
      fs.createReadStream(file).pipe(zlib.createGzip()).pipe(res);
      return;
    }
    res.writeHead(status, headers);
    fs.createReadStream(file).pipe(res);
  });
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
