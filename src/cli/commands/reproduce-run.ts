/**
 * `reproduce <taskId>`: fetches a pyup-checks task's definition and runs the same check with the
 * same arguments (python, modules, files) on the local checkout (`--repo`), writing the same
 * artifacts to `--artifacts`. The common options (index, cache, offline, ...) apply locally.
 */
import { parseArgs } from 'node:util';
import { CHECKS } from '../../checks/index.js';
import { fetchReproduction, queueFromEnv, ReproduceError } from '../../taskcluster/index.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { COMMON_OPTIONS, commonOptions } from '../options.js';
import { runCheckCommand } from '../run-checks.js';

type Raw = Record<string, string | boolean | string[] | undefined>;

/** The task's check arguments, parsed like the command line would parse them. */
function parseTaskArgs(args: string[]): Raw {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(COMMON_OPTIONS.map((o) => [o.name, { type: o.type, multiple: o.multiple ?? false }])),
      allowPositionals: false,
      strict: true,
    });
    return values as Raw;
  } catch (error) {
    // A hand-written task's command line may carry what this build does not know.
    throw new UsageError(`the task's check arguments (${args.join(' ')}) do not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const run: Command['run'] = async (_opts, raw, io) => {
  const ids = Array.isArray(raw._) ? raw._ : [];
  if (ids.length !== 1) throw new UsageError('reproduce takes one task id');
  const rootUrl = (typeof raw['root-url'] === 'string' ? raw['root-url'] : undefined) ?? io.env.TASKCLUSTER_ROOT_URL;
  if (!rootUrl) throw new UsageError('reproduce: pass --root-url or set TASKCLUSTER_ROOT_URL');
  let info;
  try {
    info = await fetchReproduction(queueFromEnv({ ...io.env, TASKCLUSTER_PROXY_URL: undefined }, rootUrl), ids[0]!);
  } catch (error) {
    if (error instanceof ReproduceError) throw new UsageError(error.message);
    throw error;
  }
  const check = CHECKS.find((c) => c.id === info.check);
  if (!check) throw new UsageError(`task ${ids[0]} ran check '${info.check}', which this build does not have`);
  // The task's own selection wins over local selection flags; the environment's options stay local.
  const merged: Raw = { ...raw, module: undefined, python: undefined, files: undefined, platform: undefined, ...parseTaskArgs(info.args) };
  io.stderr(`reproduce: ${info.name}: pyup-checks ${info.check} ${info.args.join(' ')}\n`);
  return runCheckCommand([check.id], commonOptions(merged, io), io);
};
