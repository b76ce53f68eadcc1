/** Every built page is valid HTML, by the Nu Html Checker (the W3C's validator). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, pagePaths } from '../helpers/dist.ts';
import { htmlErrors } from '../helpers/vnu.ts';

describe('HTML', () => {
  it('has no error on any page', () => {
    expect(pagePaths().length).toBeGreaterThan(3);
    expect(htmlErrors(DIST)).toEqual([]);
  });

  it('the checker reports an error when there is one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfs-vnu-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="en"><head><title>x</title></head><body><p id="a"></p><p id="a"></p></body></html>');
    expect(htmlErrors(dir).join('\n')).toMatch(/Duplicate ID/);
  });
});
