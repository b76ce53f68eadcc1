/**
 * The content check and the photographs' variants, wired into Astro. The
 * manifest (src/lib/manifest.ts) is served to the pages as the virtual
 * module `virtual:kfs/manifest`:
 * - in `npm run build`, read from the file the build's first step wrote
 *   (`KFS_MANIFEST`, scripts/build.ts); the variants are encoded after
 *   Astro's process has ended, in one of their own (scripts/build/encode.ts);
 * - in a plain `astro build`, checked once here, and the same encoder
 *   process is started when the pages are written;
 * - in `astro dev`, checked at start and again after every change under
 *   `content/` (a caption, a photo saved over, added or renamed): the pages
 *   that read it are invalidated and the browser reloads; a page that was
 *   still loading then, and missed that, reloads itself once it runs
 *   (toolbar/follow-content.ts). The variants a browser asks for are encoded
 *   on request by the build's own code.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { isRunnableDevEnvironment, type EnvironmentModuleNode, type Plugin, type ViteDevServer } from 'vite';
import { stepCommand } from '../../scripts/build/env.ts';
import { basePath, DEV_CONTENT_VERSION } from '../lib/address.ts';
import { checkContent, ContentError } from '../lib/content-check.ts';
import { manifestOf, partArguments, readManifest, writeManifest, type Manifest } from '../lib/manifest.ts';
import { photoFilesOf } from '../lib/photo-files.ts';
import { DevEncoder } from '../lib/photo-pipeline.ts';
import { VARIANT_DIR } from '../lib/variants.ts';
import { ANSWER, APP_ID, REQUEST, type PhotoFilesAnswer, type PhotoFilesRequest } from '../toolbar/protocol.ts';

/** The toolbar button of "Photo files": a photograph with a page corner. */
const PHOTO_FILES_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"><path d="M4 3h11l5 5v13H4z"/><path d="M15 3v5h5"/><path d="m7 17 3-4 2 2.5 2-2.5 3 4z"/></svg>';

const MODULE = 'virtual:kfs/manifest';
const RESOLVED = `\0${MODULE}`;
const TYPES: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };
/** The shape of a variant's name (variants.ts): anything else under `_astro/` is Astro's. */
const NAME = /^[a-z0-9-]+-(?:\d+|card)\.[0-9a-f]{12}\.(avif|webp|jpg)$/;
/** How long after the last change under `content/` the dev server checks the content once more: well past the 50 ms in which the watcher drops a file's further changes. */
const SETTLE_MS = 250;
/** What `npm run build` sets: the manifest its first step wrote. */
const GIVEN = process.env['KFS_MANIFEST'];

/** The pages and every module that imports them, invalidated in every environment, as Astro does for its own virtual modules. */
function invalidate(server: ViteDevServer): void {
  const timestamp = Date.now();
  for (const environment of Object.values(server.environments)) {
    const mod = environment.moduleGraph.getModuleById(RESOLVED);
    if (!mod) continue;
    const seen = new Set<EnvironmentModuleNode>();
    environment.moduleGraph.invalidateModule(mod, seen, timestamp, true);
    if (!isRunnableDevEnvironment(environment)) continue;
    for (const node of [mod, ...seen]) {
      const evaluated = node.id ? environment.runner.evaluatedModules.getModuleById(node.id) : undefined;
      if (evaluated) environment.runner.evaluatedModules.invalidateModule(evaluated);
    }
  }
  server.ws.send({ type: 'full-reload' });
}

function report(manifest: Manifest, logger: AstroIntegrationLogger): void {
  for (const w of manifest.warnings) logger.warn(w);
  if (manifest.placeholders.length === 0) {
    logger.info(`All ${manifest.photos} photographs are real photographs.`);
    return;
  }
  logger.warn(
    `${manifest.placeholders.length} of ${manifest.photos} photographs are still placeholders:\n` +
      [...new Set(manifest.placeholders)].map((f) => `  - ${f}`).join('\n') +
      '\nReplace each file with the photograph, under the same name (see docs/editing.md, "Replace a photo").',
  );
}

/** The encoder, in a process of its own (scripts/build/encode.ts): what a plain `astro build` runs once its pages are written. */
function encodeInChild(manifestFile: string, outDir: string, cacheDir: string, part: string): Promise<void> {
  const command = stepCommand('encode', [manifestFile, outDir, cacheDir, part]);
  const child = spawn(process.execPath, command.args, { stdio: 'inherit', env: command.env });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the photo encoder failed (exit ${code}); its message is above`)))),
  );
}

export default function content(): AstroIntegration {
  let root = process.cwd();
  let cacheDir = '';
  let prefix = `/${VARIANT_DIR}/`;
  let current: Promise<Manifest> | undefined;
  const manifest = () => (current ??= GIVEN ? Promise.resolve(readManifest(GIVEN)) : checkContent(root).then(manifestOf));

  const plugin: Plugin = {
    name: 'kfs-manifest',
    resolveId: (id) => (id === MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      // A JSON string parsed at run time: faster to load than the same data as a JavaScript literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(await manifest()))});`;
    },
    configureServer(server) {
      const contentDir = path.join(root, 'content');
      let last = '';
      let again = false;
      let checking: Promise<void> | undefined;
      // A page that was rendering when the content changed can end after the invalidation below, and Vite's module
      // runner then keeps what its evaluation under way returned: the manifest from before, until the next change. So
      // the requests under way when an invalidation is made are counted, and once the last has ended, it is made again.
      // Not the photos' variants (served below, rendering nothing): one being encoded would only delay it and reload the page twice.
      let underWay = 0;
      let reinvalidate = false;
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').startsWith(prefix)) return next();
        underWay++;
        res.once('close', () => {
          if (--underWay > 0 || !reinvalidate) return;
          reinvalidate = false;
          invalidate(server);
        });
        next();
      });
      /**
       * Checks the content and, if it changed, tells the pages. A check made at a change can read a file half-written
       * (a photo saved in pieces, below): a mistake it finds is left to the check made once the changes have settled,
       * so that an open page is not reloaded into an error that is gone a moment later. A page reloaded into that error
       * could miss the next reload, for the content saved whole: it is still loading then, and an error page cannot
       * follow the content (follow-content.ts) as other pages do.
       */
      const once = async (settled: boolean) => {
        const next = manifestOf(await checkContent(root));
        if (next.errors.length > 0 && !settled) return;
        const json = JSON.stringify(next);
        current = Promise.resolve(next);
        if (json === last) return;
        last = json;
        invalidate(server);
        if (underWay > 0) reinvalidate = true;
      };
      // One check at a time; a change made during one is seen by another right after it, settled if either asked was.
      let againSettled = false;
      const schedule = (settled: boolean) => {
        if (checking) {
          again = true;
          againSettled ||= settled;
          return;
        }
        checking = (async () => {
          let now = settled;
          do {
            again = false;
            await once(now);
            now = againSettled;
            againSettled = false;
          } while (again);
        })()
          .catch((error: unknown) =>
            server.config.logger.error(`[content] the content check failed: ${error instanceof Error ? error.message : String(error)}`),
          )
          .finally(() => (checking = undefined));
      };
      void manifest().then((m) => (last = JSON.stringify(m)));
      server.watcher.add(contentDir);
      // The watcher reports a file's first change and drops any other within 50 ms of it (paulmillr/chokidar#1455): a
      // photo saved in pieces (emptied, then written as it goes) can be read half-written with no event after its last
      // write. So a change is checked at once, and again once the changes have been quiet for SETTLE_MS, by when the
      // last write has landed.
      let settle: NodeJS.Timeout | undefined;
      server.watcher.on('all', (_event, file) => {
        if (!path.resolve(file).startsWith(contentDir + path.sep)) return;
        schedule(false);
        clearTimeout(settle);
        settle = setTimeout(() => schedule(true), SETTLE_MS);
      });
      server.httpServer?.on('close', () => clearTimeout(settle));
      const encoder = new DevEncoder(cacheDir);
      server.middlewares.use((req, res, next) => {
        const pathname = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const name = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : '';
        const type = TYPES[NAME.exec(name)?.[1] ?? ''];
        if (!type) return next();
        manifest()
          .then((m) => encoder.file(name, m))
          .then((file) => {
            if (!file) return next();
            res.setHeader('Content-Type', type);
            res.setHeader('Cache-Control', 'no-cache');
            fs.createReadStream(file).pipe(res);
          })
          .catch(next);
      });
    },
  };

  return {
    name: 'content',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, addDevToolbarApp, injectRoute, injectScript }) => {
        root = fileURLToPath(config.root);
        updateConfig({ vite: { plugins: [plugin] } });
        if (command === 'dev') {
          // The editors' way from a photo to the file that holds its caption; the dev toolbar exists only in `astro dev`.
          addDevToolbarApp({ id: APP_ID, name: 'Photo files', icon: PHOTO_FILES_ICON, entrypoint: new URL('../toolbar/photo-files.ts', import.meta.url) });
          // A page that missed the reload for the content it shows (it was still loading) reloads itself.
          injectRoute({ pattern: DEV_CONTENT_VERSION, entrypoint: new URL('./content-version.ts', import.meta.url) });
          injectScript('page', `import ${JSON.stringify(fileURLToPath(new URL('../toolbar/follow-content.ts', import.meta.url)))};`);
        }
      },
      'astro:server:setup': ({ toolbar }) => {
        toolbar.on<PhotoFilesRequest>(REQUEST, ({ request, names }) => {
          manifest()
            .then((m) => toolbar.send<PhotoFilesAnswer>(ANSWER, { request, photos: photoFilesOf(m, root, names) }))
            .catch((error: unknown) => console.error(`[content] Photo files: ${error instanceof Error ? error.message : String(error)}`));
        });
      },
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        prefix = `${basePath(config.base)}${VARIANT_DIR}/`;
      },
      'astro:build:start': async () => {
        const { errors } = await manifest();
        if (errors.length > 0) throw new ContentError(errors);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const checked = await manifest();
        report(checked, logger);
        if (GIVEN) return; // `npm run build` encodes once this process has ended
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kfs-manifest-')), 'manifest.json');
        try {
          writeManifest(file, checked);
          // One fresh process per part of the photos, as `npm run build` runs them (manifest.ts, `partsOf`).
          for (const part of partArguments(checked)) await encodeInChild(file, fileURLToPath(dir), cacheDir, part);
        } finally {
          fs.rmSync(path.dirname(file), { recursive: true, force: true });
        }
      },
    },
  };
}
