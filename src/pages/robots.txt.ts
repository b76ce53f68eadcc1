/** robots.txt: everything may be crawled; the sitemap is at its absolute address, under the base path. */
import type { APIRoute } from 'astro';
import { url } from '../lib/site.ts';

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(url('/sitemap-index.xml'), site);
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap.href}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
