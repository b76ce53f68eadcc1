/**
 * `npm run check:lockfile`: package-lock.json must record, for every locked
 * package, each optional dependency it lists: the platform builds of the Astro
 * compiler, Rolldown, sharp and the rest. One missing is a platform (a Mac, a
 * Windows machine, an ARM CI runner) where `npm ci` refuses to install.
 */
import fs from 'node:fs';

interface Lock {
  packages: Record<string, { optionalDependencies?: Record<string, string> }>;
}

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as Lock;
const recorded = new Set(Object.keys(lock.packages).map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)));
const missing = Object.entries(lock.packages).flatMap(([key, pkg]) =>
  Object.keys(pkg.optionalDependencies ?? {})
    .filter((name) => !recorded.has(name))
    .map((name) => `${name}, an optional dependency of ${key.replace(/^node_modules\//, '') || 'the project'}`),
);
if (missing.length > 0) {
  console.error(`package-lock.json lacks ${missing.length} package(s); \`npm ci\` fails where they are needed:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  console.error('Choose versions whose platform packages are all published (see README, "Set up, build, test"), then run npm install.');
  process.exit(1);
}
console.log(`package-lock.json records every optional dependency of its ${Object.keys(lock.packages).length - 1} packages.`);
