/**
 * The mirrors a target installs from, and the pip command a host of that target runs.
 *
 * Machines run `pip install --no-deps --no-index --find-links <mirror> ... NAME==VERSION` with every
 * mirror configured for their python (py2 and py3 mirrors differ); an http mirror needs
 * `--trusted-host` or pip refuses it. The index client lists all mirrors merged, each file keeping
 * the location that listed it (`ProjectFile.source`): a target's view is the files whose source is
 * one of its mirrors.
 */
import type { Pin } from '../../inventory/index.js';
import type { ProjectFile } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import { mirrorsForTarget } from '../contract.js';
import { isAuthorityUrl } from '../../urls/index.js';

export { mirrorsForTarget };

/** The files listed by one of `mirrors`. */
export function filesOnMirrors(files: readonly ProjectFile[], mirrors: readonly string[]): ProjectFile[] {
  const wanted = new Set(mirrors);
  return files.filter((f) => wanted.has(f.source));
}

/** The local folder a mirror location names (a directory or `file:` URL), or null for a remote mirror. */
export function localFolder(mirror: string): string | null {
  if (mirror.startsWith('file:')) {
    try {
      return decodeURIComponent(new URL(mirror).pathname);
    } catch {
      return null;
    }
  }
  return isAuthorityUrl(mirror) ? null : mirror;
}

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `pip install --no-deps --no-index --find-links M1 [--find-links M2] [--trusted-host H] NAME==VERSION`. */
export function pipCommand(mirrors: readonly string[], pin: Pick<Pin, 'name' | 'specifier'>): string {
  const words = ['pip', 'install', '--no-deps', '--no-index'];
  const hosts: string[] = [];
  for (const m of mirrors) {
    words.push('--find-links', m);
    if (/^http:\/\//i.test(m)) {
      try {
        const host = new URL(m).host;
        if (!hosts.includes(host)) hosts.push(host);
      } catch {
        // an unparseable URL: pip reports it itself
      }
    }
  }
  for (const h of hosts) words.push('--trusted-host', h);
  words.push(`${pin.name}${pin.specifier}`);
  return words.map(shellQuote).join(' ');
}
