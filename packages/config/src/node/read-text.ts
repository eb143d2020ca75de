import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Default size limit of an input file (snapshot or configuration): 64 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

const CHUNK = 1 << 16;

function encodingProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return `expected UTF-8 text, found UTF-16 (byte-order mark ${bytes[0] === 0xff ? 'FF FE' : 'FE FF'}): save the file as UTF-8`;
  }
  if (bytes.includes(0)) return 'expected UTF-8 text, found NUL bytes (a UTF-16 file without a byte-order mark, or a binary file?)';
  return undefined;
}

/**
 * Reads a text file (or a file descriptor: 0 is standard input) as UTF-8,
 * refusing more than `maxBytes` (an endless `/dev/zero` stops there) and
 * UTF-16 or binary content, whose NUL bytes would otherwise reach messages.
 * A UTF-8 byte-order mark is dropped. Throws an Error whose message says why.
 */
export function readTextFile(path: string | number, maxBytes = DEFAULT_MAX_INPUT_BYTES): string {
  const fd = typeof path === 'number' ? path : openSync(path, 'r');
  try {
    const tooLarge = (): Error => new Error(`larger than the size limit of ${maxBytes} bytes (${(maxBytes / 1048576).toFixed(1)} MiB)`);
    // A regular file says its size: read it with one buffer and no copy (a snapshot is read
    // before every plan). A pipe, a terminal or a file that grows meanwhile goes on in chunks.
    const stat = fstatSync(fd);
    const known = stat.isFile() ? stat.size : 0;
    if (known > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(known > 0 ? known + 1 : CHUNK);
    let used = 0;
    for (;;) {
      if (used === chunk.length) {
        chunks.push(chunk);
        chunk = Buffer.allocUnsafe(CHUNK);
        used = 0;
      }
      const n = readSync(fd, chunk, used, chunk.length - used, null);
      if (n === 0) break;
      // fail fast on an encoding problem the first read already shows
      if (total === 0) {
        const problem = encodingProblem(chunk.subarray(0, n));
        if (problem !== undefined) throw new Error(problem);
      }
      used += n;
      total += n;
      if (total > maxBytes) throw tooLarge();
    }
    chunks.push(chunk.subarray(0, used));
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    // one read was checked as it came; later reads are checked with it
    const problem = chunks.length > 1 ? encodingProblem(bytes) : undefined;
    if (problem !== undefined) throw new Error(problem);
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return bytes.toString('utf8', start);
  } finally {
    if (typeof path !== 'number') closeSync(fd);
  }
}
