/**
 * The dev server's route DEV_CONTENT_VERSION (lib/address.ts; injected by
 * integrations/content.ts in `astro dev` only): the version of the content
 * the pages would be rendered from now (gallery.ts, `contentVersion`). An
 * open page compares it with its own (toolbar/follow-content.ts).
 */
import type { APIRoute } from 'astro';
import { contentVersion } from '../lib/gallery.ts';

export const GET: APIRoute = async () => new Response(await contentVersion(), { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
