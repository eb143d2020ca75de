import type { PresetSettings } from './preset-settings.js';

// '#preset-parsed' in a browser bundle (package.json "imports"): no parsed
// presets, so the bundle carries each preset once, as text, and parses the
// text it loads (src/preset-parsed.ts is the same data parsed at build time,
// about 1.6 KiB gzip, for Node's cold start).
export const PRESET_TABLES: Readonly<Record<string, () => Record<string, unknown>>> | undefined = undefined;
export const PRESET_SETTINGS: Readonly<Record<string, () => PresetSettings>> | undefined = undefined;
