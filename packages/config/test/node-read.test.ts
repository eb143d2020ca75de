import { spawn, execFileSync } from 'node:child_process';
import { closeSync, fstatSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigError } from '@planner/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig, pluginsAndExtendsOf, pluginsAndExtendsOfTables } from '../src/index.js';
import { ConfigFiles, loadConfig, readExtendedFile, readTextFile } from '../src/node.js';
import { modules } from './fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'planner-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
function file(name: string, content: string | Uint8Array): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

describe('readTextFile: input files are UTF-8 text of bounded size', () => {
  it('drops a UTF-8 byte-order mark, keeps text that only starts like one', () => {
    expect(readTextFile(file('bom.toml', '\uFEFFmax_depth = 3\n'))).toBe('max_depth = 3\n');
    // U+FEC0 and U+F000 start with EF BB and EF: not a byte-order mark
    expect(readTextFile(file('ef-bb.txt', '\uFEC0x'))).toBe('\uFEC0x');
    expect(readTextFile(file('ef.txt', '\uF000x'))).toBe('\uF000x');
  });

  it.each([
    ['FF FE', [0xff, 0xfe, 0x61, 0x00]],
    ['FE FF', [0xfe, 0xff, 0x00, 0x61]],
  ])('refuses UTF-16 (byte-order mark %s), saying how to fix it', (mark, bytes) => {
    expect(() => readTextFile(file(`utf16-${mark}.toml`, Uint8Array.from(bytes)))).toThrow(
      `expected UTF-8 text, found UTF-16 (byte-order mark ${mark}): save the file as UTF-8`,
    );
  });

  it('refuses NUL bytes, in the first chunk read or later', () => {
    const nul = 'expected UTF-8 text, found NUL bytes (a UTF-16 file without a byte-order mark, or a binary file?)';
    expect(() => readTextFile(file('nul.toml', Uint8Array.from([0x61, 0x00, 0x62])))).toThrow(nul);
    // past the first 64 KiB chunk, so only the check of the whole text sees it
    expect(() => readTextFile(file('late-nul.toml', `${'a'.repeat(70_000)}\u0000`))).toThrow(nul);
    // more than a chunk: the first chunk is checked before reading on (an endless binary stream fails fast)
    expect(() => readTextFile(file('big-nul.bin', new Uint8Array(100_000)))).toThrow(nul);
    const utf16 = new Uint8Array(100_000);
    utf16.set([0xff, 0xfe, 0x61]);
    expect(() => readTextFile(file('big-utf16.txt', utf16))).toThrow('found UTF-16 (byte-order mark FF FE)');
    // a lone FF or FE is not a UTF-16 mark (invalid UTF-8 decodes to U+FFFD)
    expect(readTextFile(file('ff.txt', Uint8Array.from([0xff, 0x61])))).toBe('\uFFFDa');
  });

  it('a directory: says so (the read fails with EISDIR, which is kept as the cause)', () => {
    let thrown: unknown;
    try {
      readTextFile(root);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toBe('expected a file, found a directory');
    expect(((thrown as Error).cause as NodeJS.ErrnoException).code).toBe('EISDIR');
    expect(() => readTextFile(join(root, 'no-such-file'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('stops at the size limit instead of reading on', () => {
    expect(() => readTextFile(file('big.toml', 'x'.repeat(2048)), 1024)).toThrow('larger than the size limit of 1024 bytes (0.0 MiB)');
    expect(readTextFile(file('exact.toml', 'x'.repeat(1024)), 1024)).toHaveLength(1024);
    // a file larger than one chunk reads whole; one over the limit is refused after its first chunk
    expect(readTextFile(file('two-chunks.toml', 'y'.repeat(100_000)))).toHaveLength(100_000);
    expect(() => readTextFile(file('big-two-chunks.toml', 'y'.repeat(100_000)), 80_000)).toThrow('larger than the size limit of 80000 bytes');
  });

  it('reads a stream of unknown size (a named pipe) in chunks, with the same checks', async () => {
    const pipe = (name: string, char: string, count: number, tail = ''): { path: string; done: Promise<unknown> } => {
      const path = join(root, name);
      execFileSync('mkfifo', [path]);
      // another process writes, as a shell pipeline would; the read blocks until it opens the pipe
      const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(path)}, ${JSON.stringify(char)}.repeat(${count}) + ${JSON.stringify(tail)})`]);
      return { path, done: new Promise((resolve) => writer.on('close', resolve)) };
    };
    const whole = pipe('whole.fifo', 'z', 150_000);
    expect(readTextFile(whole.path)).toBe('z'.repeat(150_000));
    await whole.done;
    const late = pipe('late.fifo', 'a', 140_000, '\u0000');
    expect(() => readTextFile(late.path)).toThrow('found NUL bytes');
    await late.done;
    const big = pipe('big.fifo', 'b', 140_000);
    expect(() => readTextFile(big.path, 100_000)).toThrow('larger than the size limit of 100000 bytes');
    await big.done;
  });

  it('reads an open file descriptor (0 is standard input) and leaves it open', () => {
    const fd = openSync(file('fd.toml', 'seed = 1\n'), 'r');
    try {
      expect(readTextFile(fd)).toBe('seed = 1\n');
      expect(fstatSync(fd).isFile()).toBe(true);
    } finally {
      closeSync(fd);
    }
  });
});

describe('loadConfig: file errors are ConfigErrors naming the file', () => {
  const failure = (path: string): ConfigError => {
    try {
      loadConfig(path, { modules });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
  };

  it('an encoding problem says what was found', () => {
    const path = file('utf16.toml', Uint8Array.from([0xff, 0xfe, 0x61, 0x00]));
    expect(failure(path).issues).toEqual([{ path: '', message: expect.stringContaining('found UTF-16 (byte-order mark FF FE)') }]);
    expect(failure(path).source).toBe(path);
  });

  it('a directory is named as one, not with the system error', () => {
    expect(failure(root).issues).toEqual([{ path: '', message: 'expected a file, found a directory' }]);
  });

  it('a relative path is shown relative to the working directory', () => {
    const path = relative(process.cwd(), file('rel.toml', '[planner]\nmax_depth = 0\n'));
    expect(failure(path).source).toBe(path);
  });
});

describe('readExtendedFile', () => {
  it('without an extending file, or from a preset, resolves against the working directory', () => {
    const path = relative(process.cwd(), file('base.toml', 'extends = "default"\n[planner]\nmax_depth = 2\n'));
    expect(readExtendedFile(path, undefined)).toEqual({ text: 'extends = "default"\n[planner]\nmax_depth = 2\n', source: path });
    expect(readExtendedFile(path, "preset 'default'").source).toBe(path);
    const c = parseConfig(`extends = ${JSON.stringify(path)}\n`, { modules, readExtended: readExtendedFile });
    expect(c.planner.maxDepth).toBe(2);
  });

  it('a reader that throws something other than an Error is still reported', () => {
    const thrower = () => {
      throw 'offline'; // a host's reader may throw anything
    };
    expect(() => parseConfig('extends = "./x.toml"\n', { modules, readExtended: thrower })).toThrow("cannot read './x.toml': offline");
  });
});

describe('ConfigFiles: one read and one parse of each file per run', () => {
  it('loadConfig takes the text and tables a first step read, for the file and the files it extends', () => {
    const base = file('shared-base.toml', 'extends = "default"\n[planner]\nmax_depth = 2\n');
    const top = file('shared-top.toml', 'extends = "./shared-base.toml"\nplugins = []\n[planner]\nmin_hold_days = 7\n');
    const files = new ConfigFiles();
    const tables = files.tables(top, 'shared-top.toml');
    expect(pluginsAndExtendsOfTables(tables, 'shared-top.toml')).toEqual(pluginsAndExtendsOf(readTextFile(top)));
    files.tables(base, 'shared-base.toml');
    // what the files hold now is not read again: the run sees one version of each file
    writeFileSync(top, 'not toml at all');
    writeFileSync(base, '[planner]\nmax_depth = 5\n');
    const shared = loadConfig(top, { modules, files });
    expect([shared.planner.maxDepth, shared.planner.minHoldDays]).toEqual([2, 7]);
    // and the tables were not changed by loading
    expect(files.tables(top, 'shared-top.toml')).toEqual(tables);
    // without the instance the file is read again
    expect(() => loadConfig(top, { modules })).toThrow(/malformed TOML/);
  });

  it('gives the same config as a fresh read, relative paths included', () => {
    const path = relative(process.cwd(), file('same.toml', 'extends = "default"\n[planner]\nmax_depth = 4\n'));
    const files = new ConfigFiles();
    files.tables(join(process.cwd(), path), path);
    expect(loadConfig(path, { modules, files })).toEqual(loadConfig(path, { modules }));
    expect(files.text(path)).toBe(readTextFile(path));
  });

  it('keeps no failure: a file that could not be read or parsed is read again, and errors are worded as without it', () => {
    const files = new ConfigFiles();
    const path = join(root, 'appears-later.toml');
    expect(() => files.text(path)).toThrow('file not found');
    file('appears-later.toml', 'extends = "default"\n[planner]\nmax_depth = 3\n');
    expect(loadConfig(path, { modules, files }).planner.maxDepth).toBe(3);
    const bad = file('bad-toml.toml', 'a = \n');
    expect(() => files.tables(bad, 'bad-toml.toml')).toThrow(/bad-toml\.toml.*\n.*malformed TOML/);
    const messageOf = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(messageOf(() => loadConfig(bad, { modules, files }))).toBe(messageOf(() => loadConfig(bad, { modules })));
    const missing = join(root, 'missing.toml');
    expect(messageOf(() => loadConfig(missing, { modules, files }))).toBe(messageOf(() => loadConfig(missing, { modules })));
  });
});
