import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidVersionError, isValidVersion, parseVersion, tryParseVersion } from '../../src/pep440/index.js';
import { DESCRIBED, INVALID_VERSIONS, NORMALIZED, VERSIONS_IN_ORDER } from '../vectors/pep440.js';

describe('parseVersion', () => {
  for (const [input, normalized] of NORMALIZED) {
    test(`normalises ${JSON.stringify(input)} to ${normalized}`, () => {
      const v = parseVersion(input);
      assert.equal(v.toString(), normalized);
      assert.equal(String(v), normalized);
      assert.equal(v.text, input);
    });
  }

  for (const input of VERSIONS_IN_ORDER) {
    test(`accepts ${input} and round-trips its normal form`, () => {
      const normal = parseVersion(input).toString();
      assert.equal(parseVersion(normal).toString(), normal);
    });
  }

  for (const input of INVALID_VERSIONS) {
    test(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => parseVersion(input),
        (e: unknown) => e instanceof InvalidVersionError && e.input === input && /not a valid PEP 440 version/.test(e.message),
      );
      assert.equal(tryParseVersion(input), null);
      assert.equal(isValidVersion(input), false);
    });
  }

  for (const d of DESCRIBED) {
    test(`breaks ${d.input} into its components`, () => {
      const v = parseVersion(d.input);
      const { input: _input, ...expected } = d;
      assert.deepEqual(
        {
          epoch: v.epoch,
          release: v.release,
          pre: v.pre,
          post: v.post,
          dev: v.dev,
          local: v.local,
          public: v.public,
          baseVersion: v.baseVersion,
          isPrerelease: v.isPrerelease,
          isPostrelease: v.isPostrelease,
          isDevrelease: v.isDevrelease,
        },
        expected,
      );
    });
  }

  test('keeps huge numbers exact in the normal form', () => {
    assert.equal(parseVersion('1.000123456789012345678901234567890').toString(), '1.123456789012345678901234567890');
    assert.equal(parseVersion('99999999999999999999!1').baseVersion, '99999999999999999999!1');
  });

  test('isValidVersion and tryParseVersion agree with parseVersion', () => {
    assert.equal(isValidVersion(' 1.0 '), true);
    assert.equal(tryParseVersion('1.0-1')?.post, 1);
    assert.equal(tryParseVersion('1.0-1')?.isPostrelease, true);
  });
});
