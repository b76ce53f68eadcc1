/** The Content-Security-Policy hash of an inline script or style: exactly its text, as the browser hashes it. */
import { createHash } from 'node:crypto';

export const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}` as const;
