/**
 * Distribution filenames: wheels (PEP 427) and sdists, parsed the way pip reads index links.
 * `parseDistributionFilename` is the entry point for an index or find-links listing; eggs, which pip
 * skips, are parsed apart (`parseEggFilename`) only to be named.
 */
import { normalizeName } from '../names/index.js';
import { FilenameParseError } from './errors.js';
import { parseSdistFilename, sdistFormatOf, type SdistFilename } from './sdist.js';
import { parseWheelFilename, type WheelFilename } from './wheel.js';

export { FilenameParseError } from './errors.js';
export { type WheelFilename, parseWheelFilename } from './wheel.js';
export { type SdistFilename, type SdistFormat, parseSdistFilename, sdistFormatOf } from './sdist.js';
export { type EggFilename, parseEggFilename } from './egg.js';

/**
 * A wheel or sdist filename, or null for anything pip would not treat as one (eggs, `.exe`,
 * `.msi`, `.rpm`, `.WHL`, unknown). Throws {@link FilenameParseError} for a malformed wheel/sdist
 * name, and, when `projectName` is given, for a file of another project.
 */
export function parseDistributionFilename(f: string, projectName?: string): WheelFilename | SdistFilename | null {
  if (f.endsWith('.whl')) {
    const wheel = parseWheelFilename(f);
    if (projectName !== undefined && wheel.normalizedName !== normalizeName(projectName)) {
      throw new FilenameParseError(`wheel belongs to ${wheel.normalizedName}, not ${normalizeName(projectName)}`, f, 0);
    }
    return wheel;
  }
  if (sdistFormatOf(f) === null) return null;
  return parseSdistFilename(f, projectName);
}
