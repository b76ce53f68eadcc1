import { fixtureProject } from './tests/helpers/project.ts';
import fs from 'node:fs';
const p = fixtureProject('small');
const r = p.buildWith({ SITE_URL: 'https://user.github.io/repo' });
console.log(r.status);
const h = fs.readFileSync(p.at('dist/index.html'), 'utf8');
console.log(h.match(/<link rel="icon"[^>]*>/)?.[0], h.match(/<a class="site-title"[^>]*>/)?.[0], h.match(/href="[^"]*studio[^"]*"/g)?.slice(0,3));
p.remove();
