/**
 * The type check (`npm run check`: `astro check`, made strict), run in the
 * background once the site's build has ended (tests/helpers/site-build.ts),
 * beside the other tests rather than before them all.
 */
import { expect, it } from 'vitest';
import { ended } from '../helpers/site-build.ts';

it('astro check finds no error in the site, its scripts or its tests', async () => {
  const check = await ended('typecheck');
  expect(check.code, check.output).toBe(0);
});
