// A real headless browser for the report.html tests: Debian's chromium driven by playwright-core,
// with a fresh profile and every background service off, so the only requests are the page's own.
// With CI=true a missing browser fails the test (.ci/run installs it); elsewhere it is skipped
// with a message, as the pythons of the oracle tests are.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.PYUP_CHECKS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why the browser tests cannot run here, or null when they can. Throws under CI=true. */
export function browserMissing(path: string = CHROMIUM, env: Record<string, string | undefined> = process.env): string | null {
  if (existsSync(path)) return null;
  const why = `${path} is missing (apt-get install -y chromium)`;
  if (env.CI === 'true') throw new Error(`CI=true and ${why}`);
  return why;
}

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'pyup-checks-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where tests put screenshots (gitignored). */
export const TEST_ARTIFACTS = new URL('../../artifacts/test/', import.meta.url).pathname;
