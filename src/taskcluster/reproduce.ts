/**
 * `reproduce <taskId>`: what a pyup-checks task ran, read back from its definition
 * (`task.extra.pyupChecks`, written by the task transform), so the same check runs again locally
 * with the same arguments. The environment's own arguments (--repo, --artifacts, --cache-dir)
 * are the caller's. A task without `extra.pyupChecks` (a project's own kind, a hand-written
 * `.taskcluster.yml` task) falls back to its command line: `payload.command` as an argv, as
 * generic-worker's list of argvs, or as `sh -c '<script>'` (split with shell-quote; `$VAR`
 * from `payload.env`), wherever `pyup-checks <check>` appears in it; the environment's own
 * arguments are dropped there. Neither: a ReproduceError.
 */
import { basename } from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { z } from 'zod';
import type { QueueApi } from './queue.js';
import type { PyupTaskInfo } from './types.js';

const Info = z.object({
  check: z.string().regex(/^[a-z][a-z0-9-]*$/),
  python: z.string(),
  modules: z.array(z.string()),
  files: z.array(z.string()),
  args: z.array(z.string()),
});
const TaskShape = z.object({ metadata: z.object({ name: z.string() }).passthrough(), extra: z.object({ pyupChecks: Info }).passthrough() }).passthrough();

export class ReproduceError extends Error {
  readonly input: string;
  readonly offset = 0;
  constructor(message: string, input: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReproduceError';
    this.input = input;
  }
}

/** Arguments that name the environment, not the check: never replayed. */
const LOCAL_ONLY = new Set(['--repo', '--artifacts', '--cache-dir']);

const CHECK_ID = /^[a-z][a-z0-9-]*$/;
const Argv = z.array(z.string());
const CommandTask = z
  .object({
    metadata: z.object({ name: z.string() }).passthrough(),
    payload: z.object({ command: z.union([Argv.transform((argv) => [argv]), z.array(Argv)]), env: z.record(z.string()).optional() }).passthrough(),
  })
  .passthrough();
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh']);
const RUNS_SUITE = new Set(['pyup-checks', 'pyup-checks.js']);

/** The simple commands of one argv: itself, or the commands of a `sh -c` script. */
function simpleCommands(argv: string[], env: Record<string, string>, taskId: string): string[][] {
  const c = argv.findIndex((a) => /^-[a-z]*c$/.test(a));
  if (!SHELLS.has(basename(argv[0] ?? '')) || c === -1 || argv[c + 1] === undefined) return [argv];
  const unset: string[] = [];
  const entries = parseShell(argv[c + 1]!, (name: string) => env[name] ?? (unset.push(name), ''));
  const out: string[][] = [[]];
  for (const e of entries) {
    if (typeof e === 'string') out[out.length - 1]!.push(e);
    else if ('comment' in e) break;
    else if ('pattern' in e) out[out.length - 1]!.push(e.pattern);
    else out.push([]);
  }
  const own = out.find((words) => words.some((w) => RUNS_SUITE.has(basename(w))));
  if (own && unset.length > 0) throw new ReproduceError(`task ${taskId}: its command uses $${unset.join(', $')}, which the task's env does not set`, taskId);
  return out;
}

/** The check and arguments of the first `pyup-checks <check> ...` in the task's command, or null. */
export function reproductionFromCommand(task: unknown, taskId: string): (PyupTaskInfo & { name: string }) | null {
  const parsed = CommandTask.safeParse(task);
  if (!parsed.success) return null;
  const { command: argvs, env = {} } = parsed.data.payload;
  for (const words of argvs.flatMap((argv) => simpleCommands(argv, env, taskId))) {
    const at = words.findIndex((w) => RUNS_SUITE.has(basename(w)));
    const check = at === -1 ? undefined : words[at + 1];
    if (check === undefined || !CHECK_ID.test(check)) continue;
    const args: string[] = [];
    const rest = words.slice(at + 2);
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      if (LOCAL_ONLY.has(a)) i++; // --repo DIR: the environment's, not the check's
      else if (!LOCAL_ONLY.has(a.split('=')[0]!)) args.push(a);
    }
    const values = (flag: string): string[] => args.flatMap((a, i) => (a === flag && args[i + 1] !== undefined ? [args[i + 1]!] : a.startsWith(`${flag}=`) ? [a.slice(flag.length + 1)] : []));
    return { check, python: values('--python')[0] ?? '', modules: values('--module'), files: values('--files'), args, name: parsed.data.metadata.name };
  }
  return null;
}

export async function fetchReproduction(queue: QueueApi, taskId: string): Promise<PyupTaskInfo & { name: string }> {
  const definition = await queue.task(taskId);
  const parsed = TaskShape.safeParse(definition);
  if (!parsed.success) {
    const fromCommand = reproductionFromCommand(definition, taskId);
    if (fromCommand) return fromCommand;
    throw new ReproduceError(`task ${taskId} is not a pyup-checks task (no extra.pyupChecks, and its payload.command runs no \`pyup-checks <check>\`)`, taskId, { cause: parsed.error });
  }
  const info = parsed.data.extra.pyupChecks;
  const bad = info.args.find((a) => LOCAL_ONLY.has(a));
  if (bad) throw new ReproduceError(`task ${taskId} carries ${bad} in its check arguments`, taskId);
  return { ...info, name: parsed.data.metadata.name };
}
