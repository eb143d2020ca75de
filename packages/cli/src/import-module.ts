/**
 * `import()` of a plugin, from a module that Node loads itself. On Node 20 code
 * compiled from a V8 code cache through `vm.Script` cannot import ("A dynamic
 * import callback was not specified": the cached script loses its import
 * callback), so the CommonJS builds keep this file out of the cached bundle, as
 * dist/main/import-module.cjs (tsup.bin.config.ts).
 */
export function importModule(url: string): Promise<Record<string, unknown>> {
  return import(url) as Promise<Record<string, unknown>>;
}
