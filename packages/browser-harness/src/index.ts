export { CHROMIUM_ARGS, ChromiumMissingError, DEFAULT_CHROMIUM, chromiumPath, launchChromium, type ChromiumSession } from './chromium.js';
export { serveFiles, type ServedFile, type StaticServer } from './serve.js';
export { BUNDLE_BUDGET_GZIP_BYTES, CORE_ENTRY, bundleForBrowser, type BrowserBundle, type BundleOptions } from './bundle.js';
