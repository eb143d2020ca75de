// '#naive-common-form' in a browser bundle (package.json "imports"): no fast
// reader, so parseNaiveMs reads every date with its pattern (the same results;
// Node's src/naive-common-form.ts is faster, from about 0.2 KiB gzip).
export function parseCommonForm(_text: string): undefined {
  return undefined;
}
