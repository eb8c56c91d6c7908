// A loopback Taskcluster queue for tests: the endpoints the suite calls (createTask, task,
// listTaskGroup with continuationToken pages, listLatestArtifacts, getLatestArtifact answering
// 303 with {storageType, url}) plus a blob store the redirect points to. Every request body is
// validated against the real schemas in the repository's schemas/ (task definitions, their
// docker-worker payload and Treeherder extra), and so is every response it sends
// (task.json, list-task-group-response.json, list-artifacts-response.json,
// get-artifact-response.json); each violation is kept in `problems` for the test to assert on.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { checkTaskDefinition, loadSchemas, PACKAGE_SCHEMA_DIR, type SchemaSet } from '../../src/taskcluster/index.js';

/** The package's own schemas (what the decision loads by default). */
export const SCHEMA_DIR = PACKAGE_SCHEMA_DIR;

export interface StoredTask {
  taskId: string;
  task: Record<string, unknown>;
  state: 'unscheduled' | 'pending' | 'running' | 'completed' | 'failed' | 'exception';
  artifacts: Map<string, { contentType: string; body: Buffer }>;
}

export interface QueueServer {
  url: string;
  schemas: SchemaSet;
  tasks: Map<string, StoredTask>;
  requests: Array<{ method: string; path: string }>;
  problems: string[];
  /** Adds a task created elsewhere (e.g. the decision task itself, as Taskcluster-GitHub would). */
  put(taskId: string, task: Record<string, unknown>): void;
  finish(taskId: string, state: StoredTask['state'], artifacts: Record<string, string>): void;
  close(): Promise<void>;
}

const TASK_DEFAULTS = { priority: 'lowest', retries: 5, requires: 'all-completed', dependencies: [], routes: [], scopes: [], tags: {}, extra: {}, projectId: 'none', schedulerId: '-' };

export async function startQueueServer(opts: { pageSize?: number } = {}): Promise<QueueServer> {
  const schemas = loadSchemas(SCHEMA_DIR);
  const tasks = new Map<string, StoredTask>();
  const requests: QueueServer['requests'] = [];
  const problems: string[] = [];
  const pageSize = opts.pageSize ?? 2;
  const sockets = new Set<Socket>();
  let url = '';

  const fullTask = (t: StoredTask): Record<string, unknown> => {
    const full: Record<string, unknown> = { ...TASK_DEFAULTS, ...t.task };
    if (!full.taskQueueId) full.taskQueueId = `${String(full.provisionerId)}/${String(full.workerType)}`;
    full.provisionerId ??= String(full.taskQueueId).split('/')[0];
    full.workerType ??= String(full.taskQueueId).split('/')[1];
    full.taskGroupId ??= t.taskId;
    return full;
  };
  const status = (t: StoredTask): Record<string, unknown> => {
    const full = fullTask(t);
    return {
      taskId: t.taskId, provisionerId: full.provisionerId, workerType: full.workerType, taskQueueId: full.taskQueueId, schedulerId: full.schedulerId,
      projectId: full.projectId, taskGroupId: full.taskGroupId, deadline: full.deadline, expires: full.expires, retriesLeft: 5, state: t.state,
      runs: t.state === 'unscheduled' ? [] : [{ runId: 0, state: t.state === 'pending' ? 'pending' : t.state, reasonCreated: 'scheduled', scheduled: full.created,
        ...(['completed', 'failed', 'exception'].includes(t.state) ? { reasonResolved: t.state, resolved: full.created, started: full.created, workerGroup: 'loopback', workerId: 'w1', takenUntil: full.deadline } : {}),
        ...(t.state === 'running' ? { started: full.created, workerGroup: 'loopback', workerId: 'w1', takenUntil: full.deadline } : {}) }],
    };
  };
  const json = (res: ServerResponse, code: number, body: unknown, schema?: Parameters<SchemaSet['check']>[0], headers: Record<string, string> = {}): void => {
    if (schema) problems.push(...schemas.check(schema, body).map((p) => `response ${schema}: ${p}`));
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', url);
      requests.push({ method: req.method ?? 'GET', path: u.pathname + u.search });
      let m: RegExpMatchArray | null;
      if (req.method === 'PUT' && (m = u.pathname.match(/^\/api\/queue\/v1\/task\/([^/]+)$/))) {
        const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
        const found = checkTaskDefinition(schemas, body);
        problems.push(...found.map((p) => `createTask ${m![1]}: ${p}`));
        if (found.length > 0) return json(res, 400, { code: 'InputValidationError', message: found.join('\n'), requestInfo: {} });
        tasks.set(m[1]!, { taskId: m[1]!, task: body, state: 'unscheduled', artifacts: new Map() });
        return json(res, 200, { status: status(tasks.get(m[1]!)!) });
      }
      if (req.method === 'GET' && (m = u.pathname.match(/^\/api\/queue\/v1\/task\/([^/]+)$/))) {
        const t = tasks.get(m[1]!);
        if (!t) return json(res, 404, { code: 'ResourceNotFound', message: 'no such task', requestInfo: {} });
        return json(res, 200, fullTask(t), 'task');
      }
      if (req.method === 'GET' && (m = u.pathname.match(/^\/api\/queue\/v1\/task-group\/([^/]+)\/list$/))) {
        const all = [...tasks.values()].filter((t) => fullTask(t).taskGroupId === m![1]);
        const start = Number(u.searchParams.get('continuationToken') ?? '0');
        const page = all.slice(start, start + pageSize);
        const next = start + pageSize < all.length ? { continuationToken: String(start + pageSize) } : {};
        const group = tasks.get(m[1]!) ?? all[0];
        const groupInfo = { schedulerId: group ? String(fullTask(group).schedulerId) : '-', expires: group ? String(fullTask(group).expires) : new Date().toISOString() };
        return json(res, 200, { taskGroupId: m[1], ...groupInfo, tasks: page.map((t) => ({ status: status(t), task: fullTask(t) })), ...next }, 'listTaskGroupResponse');
      }
      if (req.method === 'GET' && (m = u.pathname.match(/^\/api\/queue\/v1\/task\/([^/]+)\/artifacts$/))) {
        const t = tasks.get(m[1]!);
        const artifacts = [...(t?.artifacts ?? new Map()).entries()].map(([name, a]) => ({ storageType: 's3', name, expires: String(fullTask(t!).expires), contentType: a.contentType }));
        return json(res, 200, { artifacts }, 'listArtifactsResponse');
      }
      if (req.method === 'GET' && (m = u.pathname.match(/^\/api\/queue\/v1\/task\/([^/]+)\/artifacts\/(.+)$/))) {
        const name = decodeURIComponent(m[2]!);
        if (!tasks.get(m[1]!)?.artifacts.has(name)) return json(res, 404, { code: 'ResourceNotFound', message: `no artifact ${name}`, requestInfo: {} });
        const blob = `${url}/blobs/${m[1]}/${encodeURIComponent(name)}`;
        return json(res, 303, { storageType: 's3', url: blob }, 'getArtifactResponse', { location: blob });
      }
      if (req.method === 'GET' && (m = u.pathname.match(/^\/blobs\/([^/]+)\/(.+)$/))) {
        const a = tasks.get(m[1]!)?.artifacts.get(decodeURIComponent(m[2]!));
        if (!a) return json(res, 404, { message: 'no blob' });
        res.writeHead(200, { 'content-type': a.contentType });
        return res.end(a.body);
      }
      json(res, 404, { code: 'ResourceNotFound', message: `${req.method} ${u.pathname}`, requestInfo: {} });
    })().catch((error: unknown) => {
      problems.push(`server error: ${String(error)}`);
      res.writeHead(500).end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url, schemas, tasks, requests, problems,
    put(taskId, task) {
      tasks.set(taskId, { taskId, task, state: 'running', artifacts: new Map() });
    },
    finish(taskId, state, artifacts) {
      const t = tasks.get(taskId);
      if (!t) throw new Error(`no task ${taskId}`);
      t.state = state;
      for (const [name, body] of Object.entries(artifacts)) t.artifacts.set(name, { contentType: name.endsWith('.json') ? 'application/json' : 'text/plain', body: Buffer.from(body) });
    },
    close: () => new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    }),
  };
}
