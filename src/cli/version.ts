/** The tool's version, from package.json (one source of truth). */
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pyup-checks' && pkg.version) return pkg.version;
    } catch {
      // try the next layout (source tree vs compiled dist/)
    }
  }
  return '0.0.0';
}

export const TOOL_VERSION = readVersion();
