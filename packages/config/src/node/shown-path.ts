import { relative, resolve, sep } from 'node:path';

/**
 * How a file is named in messages: as given when absolute, else relative to
 * the working directory. A POSIX relative path without '.', '..' or empty
 * segments is that already: it comes back as it is, without resolving it and
 * relativizing it again (a configuration file is named once per cold load).
 */
export function shown(path: string, absolute: boolean): string {
  if (!absolute && sep === '/' && !path.startsWith('/') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..')) return path;
  const full = resolve(path);
  return absolute ? full : relative(process.cwd(), full) || '.';
}
