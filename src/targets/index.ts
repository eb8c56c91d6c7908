/**
 * Targets: what the checks run for. A target is a CPython minor (with the exact release markers
 * see) on a described platform; it yields a PEP 508 marker environment and a PEP 425 tag list.
 * Parses `--python`/`--platform` values and picks each requirements file's default platform.
 */
export { TargetParseError } from './errors.js';
export { parsePython } from './python.js';
export { parsePlatform, platformId } from './platform.js';
export { type Target, makeTarget, markerEnvironment, targetTags, defaultPlatformForFile } from './target.js';
