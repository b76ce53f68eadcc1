/**
 * Placeholder images carry a marker in their own XMP metadata, so the site
 * tells a placeholder from a real photograph by reading the file alone:
 * dropping the real photograph in under the same name needs no other edit.
 */
import sharp from 'sharp';

/** XMP namespace of the marker; a URN, so nothing ever tries to fetch it. */
export const PLACEHOLDER_NS = 'urn:korean-film-studio:placeholder:1';

/** The XMP packet written into every generated placeholder. */
export function placeholderXmp(description: string): string {
  const escaped = description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:kfs="${PLACEHOLDER_NS}" xmlns:dc="http://purl.org/dc/elements/1.1/" kfs:placeholder="true">` +
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escaped}</rdf:li></rdf:Alt></dc:description>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta>'
  );
}

/** True when an XMP packet carries the placeholder marker. */
export function isPlaceholderXmp(xmp: Buffer | string | undefined): boolean {
  if (!xmp) return false;
  const text = typeof xmp === 'string' ? xmp : xmp.toString('utf8');
  return text.includes(PLACEHOLDER_NS) && /kfs:placeholder\s*=\s*["']true["']/.test(text);
}

/** What the site needs to know about an image file before it renders it. */
export interface ImageFacts {
  /** The file is a generated placeholder, not the photograph. */
  placeholder: boolean;
  /** The image's dominant colour, `#rrggbb`, shown while it loads. */
  color: string;
}

const hex = (n: number) => n.toString(16).padStart(2, '0');

/**
 * Reads the placeholder marker and dominant colour of an image file. A file
 * sharp cannot decode fails with a message that names it.
 */
export async function readImageFacts(file: string): Promise<ImageFacts> {
  try {
    const meta = await sharp(file).metadata();
    // The colour of a 64 px copy is the colour of the photo, at a fraction of
    // the cost of decoding every pixel of a 6000 px original.
    const small = await sharp(file).resize(64, 64, { fit: 'inside' }).toBuffer();
    const { r, g, b } = (await sharp(small).stats()).dominant;
    return { placeholder: isPlaceholderXmp(meta.xmp), color: `#${hex(r)}${hex(g)}${hex(b)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: the image file cannot be read (is it a complete JPEG, PNG, WebP or AVIF?): ${reason}`, {
      cause: error,
    });
  }
}
