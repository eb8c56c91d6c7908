// Text of the metadata files inside fixture distributions: core metadata (METADATA / PKG-INFO,
// https://packaging.python.org/en/latest/specifications/core-metadata/), setuptools' egg-info
// requires.txt (`[extra]`, `[:marker]`, `[extra:marker]` sections) and a setup.py that would
// regenerate the same metadata. Fixture-grade: the `extra == "x"` clause is found by a regex,
// which is enough for the requirement strings tests write by hand.
import type { ReleaseSpec } from './distributions.js';

export interface MetadataOptions {
  metadataVersion: '1.1' | '2.1';
  /** Emit Requires-Dist / Requires-Python / Provides-Extra (1.1 PKG-INFO cannot say them). */
  requires: boolean;
}

/** RFC 822-style core metadata; the long description after the blank line is ignored by readers. */
export function coreMetadataText(project: string, release: ReleaseSpec, opts: MetadataOptions): string {
  const lines = [`Metadata-Version: ${opts.metadataVersion}`, `Name: ${project}`, `Version: ${release.version}`];
  lines.push(`Summary: ${release.summary ?? `The ${project} fixture`}`);
  if (release.homePage) lines.push(`Home-page: ${release.homePage}`);
  lines.push('Author: pyup-checks fixtures', 'License: MPL-2.0');
  if (opts.requires) {
    for (const [label, url] of release.projectUrls ?? []) lines.push(`Project-URL: ${label}, ${url}`);
    if (release.requiresPython) lines.push(`Requires-Python: ${release.requiresPython}`);
    for (const extra of release.extras ?? []) lines.push(`Provides-Extra: ${extra}`);
    for (const req of release.requiresDist ?? []) lines.push(`Requires-Dist: ${req}`);
  }
  lines.push('', `${project}`, '='.repeat(project.length), '', 'Requires-Dist: not-a-header (this is the body)', '');
  return lines.join('\n');
}

/** Split `req; marker` into the requirement, its extra (if the marker names one) and the rest of the marker. */
export function splitRequirement(req: string): { req: string; extra: string | null; marker: string } {
  const semi = req.indexOf(';');
  if (semi < 0) return { req: req.trim(), extra: null, marker: '' };
  let marker = req.slice(semi + 1).trim();
  let extra: string | null = null;
  const m = /extra\s*==\s*(['"])([^'"]+)\1/.exec(marker);
  if (m) {
    extra = m[2] ?? null;
    marker = (marker.slice(0, m.index) + marker.slice(m.index + m[0].length))
      .replace(/^\s*and\s+|\s+and\s*$/g, '')
      .replace(/\(\s*\)/g, '')
      .trim();
  }
  return { req: req.slice(0, semi).trim(), extra, marker };
}

function sections(requiresDist: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>([['', []]]);
  for (const r of requiresDist) {
    const { req, extra, marker } = splitRequirement(r);
    const key = extra ? (marker ? `${extra}:${marker}` : extra) : marker ? `:${marker}` : '';
    const list = out.get(key) ?? [];
    list.push(req);
    out.set(key, list);
  }
  return out;
}

/** setuptools' egg-info requires.txt for the given PEP 508 requirements. */
export function requiresTxt(requiresDist: string[]): string {
  const parts: string[] = [];
  for (const [key, reqs] of sections(requiresDist)) {
    if (key === '') {
      if (reqs.length) parts.push(reqs.join('\n') + '\n');
    } else {
      parts.push(`[${key}]\n${reqs.join('\n')}\n`);
    }
  }
  return parts.join('\n');
}

/** A setuptools setup.py equivalent to the metadata (so `setup.py egg_info` agrees with PKG-INFO). */
export function setupPy(project: string, release: ReleaseSpec, mod: string, withRequires: boolean): string {
  const s = sections(withRequires ? release.requiresDist ?? [] : []);
  const install = s.get('') ?? [];
  const extras: Record<string, string[]> = {};
  for (const [key, reqs] of s) if (key !== '') extras[key] = reqs;
  for (const e of release.extras ?? []) extras[e] ??= [];
  const args = [
    `name=${JSON.stringify(project)}`,
    `version=${JSON.stringify(release.version)}`,
    `packages=[${JSON.stringify(mod)}]`,
    `install_requires=${JSON.stringify(install)}`,
    `extras_require=${JSON.stringify(extras)}`,
  ];
  if (withRequires && release.requiresPython) args.push(`python_requires=${JSON.stringify(release.requiresPython)}`);
  return `from setuptools import setup\n\nsetup(\n    ${args.join(',\n    ')},\n)\n`;
}
