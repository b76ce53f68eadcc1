/** The fonts the site serves are the cuts `npm run fonts` makes of the installed font packages, never stale. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cutFont } from '../../scripts/fonts.ts';
import { FONTS, servedFont } from '../../src/lib/fonts.ts';

describe('the served fonts', () => {
  it.each(FONTS.map((f) => [f.name, f] as const))('%s is the Latin cut at the weights the styles use, a third smaller than the whole', async (_, { pkg, file }) => {
    const served = fs.readFileSync(servedFont(file));
    expect(Buffer.compare(served, await cutFont(pkg, file)), `${servedFont(file)} is stale: run npm run fonts`).toBe(0);
    expect(served.length).toBeLessThan(fs.statSync(`node_modules/${pkg}/files/${file}-latin-wght-normal.woff2`).size * 0.8);
    expect(fs.existsSync(`src/fonts/${file}.LICENSE.txt`)).toBe(true);
  });
});
