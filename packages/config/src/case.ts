/** `max_depth` -> `maxDepth`. Keys without `_x` parts are returned unchanged. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `maxDepth` -> `max_depth`; inverse of {@link snakeToCamel} for keys made of lower-case words. */
export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
