import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ChromiumMissingError, chromiumPath, serveFiles, type StaticServer } from '../src/index.js';

describe('chromiumPath', () => {
  it('fails with how to install Chromium when there is none', () => {
    expect(() => chromiumPath({ PLANNER_CHROMIUM: '/nonexistent/chromium' })).toThrow(ChromiumMissingError);
    expect(() => chromiumPath({ PLANNER_CHROMIUM: '/nonexistent/chromium' })).toThrow(
      /no Chromium at \/nonexistent\/chromium: .*apt-get update && apt-get install -y chromium/,
    );
  });

  it('defaults to Debian\'s /usr/bin/chromium', () => {
    let path: string;
    try {
      path = chromiumPath({});
    } catch (error) {
      path = (error as Error).message;
    }
    expect(path).toContain('/usr/bin/chromium');
  });

  it('runs headless, offline and without a sandbox', () => {
    for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']) {
      expect(CHROMIUM_ARGS).toContain(flag);
    }
  });
});

describe('serveFiles', () => {
  let server: StaticServer | undefined;
  afterEach(async () => server?.close());

  it('serves the given files on 127.0.0.1, / as index.html, anything else 404', async () => {
    server = await serveFiles({ '/index.html': { body: '<p>hi</p>', type: 'text/html' }, '/a.js': { body: 'x', type: 'text/javascript' } });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const root = await fetch(server.url);
    expect([root.status, root.headers.get('content-type'), await root.text()]).toEqual([200, 'text/html', '<p>hi</p>']);
    expect(await (await fetch(new URL('a.js', server.url))).text()).toBe('x');
    expect((await fetch(new URL('missing', server.url))).status).toBe(404);
  });
});
