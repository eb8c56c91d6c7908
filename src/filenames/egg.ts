/**
 * Egg filenames: `{name}-{version}(-py{X.Y}(-{platform})?)?.egg`, only to say what an egg is.
 *
 * Spec: setuptools' `Distribution.egg_name` / pkg_resources `EGG_NAME` (the name and version escaped
 * by `to_filename`: `-` becomes `_`). pip never installs an egg: `LinkEvaluator.evaluate_link` skips
 * it before reading its name ("unsupported archive format: .egg"), so an egg is never a candidate.
 * It is parsed so that a release with only eggs can name them and say why nothing installs.
 * Traps: the name normalises as any project name (`Foo_Bar` is `foo-bar`); an egg without a version
 * (`name.egg`, a development link) names no release; the version is kept as written.
 */
import { normalizeName, type ProjectName } from '../names/index.js';

export interface EggFilename {
  kind: 'egg';
  filename: string;
  /** The name part as written. */
  name: string;
  normalizedName: ProjectName;
  /** As written (`_` where the project wrote `-`). */
  version: string;
  /** The `X.Y` of `-pyX.Y`, else null. */
  pythonVersion: string | null;
  /** What follows the python version (`linux-x86_64`, `macosx-10.9-x86_64`), else null. */
  platform: string | null;
}

const EGG = /^([^-]+)-([^-]+)(?:-py([^-]+)(?:-(.+))?)?\.egg$/;

/** The parts of an egg filename, or null for anything else (an egg without a version included). */
export function parseEggFilename(f: string): EggFilename | null {
  const m = EGG.exec(f);
  if (!m) return null;
  const [, name = '', version = '', pythonVersion, platform] = m;
  return { kind: 'egg', filename: f, name, normalizedName: normalizeName(name), version, pythonVersion: pythonVersion ?? null, platform: platform ?? null };
}
