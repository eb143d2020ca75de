import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Default size limit of an input file (snapshot or configuration): 64 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

const CHUNK = 1 << 16;

const NUL_BYTES = 'expected UTF-8 text, found NUL bytes (a UTF-16 file without a byte-order mark, or a binary file?)';

function utf16Mark(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return `expected UTF-8 text, found UTF-16 (byte-order mark ${bytes[0] === 0xff ? 'FF FE' : 'FE FF'}): save the file as UTF-8`;
  }
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
    const bytes = readBytesOfFile(fd, maxBytes);
    const mark = utf16Mark(bytes);
    if (mark !== undefined) throw new Error(mark);
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const text = bytes.toString('utf8', start);
    // A NUL byte decodes to U+0000 and nothing else does (bad UTF-8 becomes U+FFFD): one scan of the text, not of the bytes too.
    if (text.includes('\u0000')) throw new Error(NUL_BYTES);
    return text;
  } finally {
    if (typeof path !== 'number') closeSync(fd);
  }
}

/**
 * The input's bytes; a directory is named as such (POSIX opens one and fails
 * the read with EISDIR, whose system text means nothing to a user). Other
 * system errors keep their code: callers word ENOENT themselves.
 */
function readBytesOfFile(fd: number, maxBytes: number): Buffer {
  try {
    return readBytes(fd, maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new Error('expected a file, found a directory', { cause: error });
    throw error;
  }
}

/** Reads into `buffer` from `used` until it is full or the input ends; the new fill. */
function fill(fd: number, buffer: Buffer, used: number): number {
  for (;;) {
    const n = readSync(fd, buffer, used, buffer.length - used, null);
    if (n === 0) return used;
    used += n;
    if (used === buffer.length) return used;
  }
}

/**
 * The input's bytes. Most inputs fit one chunk: read without asking their size
 * (the Stats object of `fstat` cost a fresh process about 0.3 ms). A regular
 * file larger than that is refused before it is read on, or read into one
 * buffer of its size; a pipe, a terminal or a file that grows meanwhile goes on
 * in chunks, its first chunk checked at once so an endless binary stream fails fast.
 */
function readBytes(fd: number, maxBytes: number): Buffer {
  const tooLarge = (): Error => new Error(`larger than the size limit of ${maxBytes} bytes (${(maxBytes / 1048576).toFixed(1)} MiB)`);
  const first = Buffer.allocUnsafe(CHUNK);
  const firstUsed = fill(fd, first, 0);
  if (firstUsed > maxBytes) throw tooLarge();
  if (firstUsed < CHUNK) return first.subarray(0, firstUsed);
  const stat = fstatSync(fd);
  const known = stat.isFile() ? stat.size : 0;
  if (known > maxBytes) throw tooLarge();
  if (first.includes(0)) throw new Error(utf16Mark(first) ?? NUL_BYTES);
  const chunks: Buffer[] = [first];
  let total = CHUNK;
  for (;;) {
    // the rest of a regular file in one buffer (+1 to see it grow), else a chunk at a time
    const chunk = Buffer.allocUnsafe(known > total ? known - total + 1 : CHUNK);
    const used = fill(fd, chunk, 0);
    total += used;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk.subarray(0, used));
    if (used < chunk.length) return Buffer.concat(chunks, total);
  }
}
