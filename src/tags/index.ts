/**
 * PEP 425 platform compatibility tags: the tag model, compressed tag sets, the ordered list of
 * tags a described target supports, and a verdict (with a reason) for a file's tags.
 * Pure: nothing here looks at the host; callers describe the target.
 * Spec: https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/
 */
export { type Tag, TagParseError, makeTag, tagToString, parseTagSet } from './tag.js';
export {
  type PlatformDescription,
  type LinuxArch,
  type MacArch,
  type WindowsArch,
  LEGACY_MANYLINUX,
  platformTags,
} from './platform.js';
export { type PythonVersion, defaultCpythonAbis, cpythonTags, compatibleTags, supportedTags } from './supported.js';
export { type PlatformTagInfo, describePlatformTag } from './platform-info.js';
export { type TagVerdict, tagCompatibility, describeInterpreter } from './compatibility.js';
