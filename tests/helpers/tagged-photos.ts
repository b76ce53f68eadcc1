/**
 * Small photographs carrying the IPTC and XMP an agency would write, made by
 * the tests themselves: pixels by sharp, metadata by ExifTool
 * (exiftool-vendored), so what each file says is known exactly and nothing
 * licensed is committed. Each photo's pixels differ (its own seed), so no two
 * are the same bytes unless a test copies one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exiftool, type WriteTags } from 'exiftool-vendored';
import sharp from 'sharp';

/** A photograph of `width` x `height` whose pixels only it has. */
export async function photoBytes(seed: number, width = 320, height = 200, format: 'jpeg' | 'png' | 'tiff' = 'jpeg'): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = (seed * 37 + x * y) % 256;
    }
  }
  const image = sharp(data, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : format === 'tiff' ? image.tiff().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

/**
 * Writes `file` with the pixels of `seed` and the metadata `tags` (ExifTool's
 * names, such as `XMP-dc:Description` or `IPTC:Caption-Abstract`); IPTC in
 * `iptcCharset` (`UTF8` declares UTF-8 in the file, `Latin1` writes it the
 * old way, undeclared).
 */
export async function taggedPhoto(
  file: string,
  seed: number,
  tags: WriteTags,
  iptcCharset: 'UTF8' | 'Latin1' = 'UTF8',
  size?: [number, number],
): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await photoBytes(seed, ...(size ?? [])));
  if (Object.keys(tags).length > 0) {
    const charset = iptcCharset === 'UTF8' ? { 'IPTC:CodedCharacterSet': 'UTF8' } : {};
    await exiftool.write(file, { ...charset, ...tags } as WriteTags, { writeArgs: ['-overwrite_original', '-charset', `iptc=${iptcCharset}`] });
  }
  return file;
}

/** Ends the ExifTool process the helpers started. */
export const endExifTool = () => exiftool.end();
