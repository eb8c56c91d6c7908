/**
 * The Queue client the suite uses, over taskcluster-client 87 (typed in
 * taskcluster-client.d.ts). Root URL from `--root-url` or TASKCLUSTER_ROOT_URL; inside a task
 * with the taskcluster proxy feature, TASKCLUSTER_PROXY_URL carries the task's own scopes and
 * no credentials are needed. Credentials (TASKCLUSTER_CLIENT_ID / TASKCLUSTER_ACCESS_TOKEN) are
 * passed to the client only, never printed or written.
 */
import tc from 'taskcluster-client';

export interface QueueApi {
  createTask(taskId: string, body: unknown): Promise<unknown>;
  task(taskId: string): Promise<unknown>;
  listTaskGroup(taskGroupId: string, query?: { continuationToken?: string; limit?: number }): Promise<unknown>;
  listLatestArtifacts(taskId: string, query?: { continuationToken?: string; limit?: number }): Promise<unknown>;
  getLatestArtifact(taskId: string, name: string): Promise<unknown>;
}

export interface QueueOptions {
  rootUrl: string;
  credentials?: { clientId: string; accessToken: string } | null;
  /** Retries of 5xx and connection errors (the client's own backoff). */
  retries?: number;
}

export function createQueue(opts: QueueOptions): QueueApi {
  return new tc.Queue({
    rootUrl: opts.rootUrl,
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    retries: opts.retries ?? 5,
  });
}

/** The queue endpoint inside a task: the proxy when the task has it, else the root URL. */
export function queueFromEnv(env: Record<string, string | undefined>, rootUrl: string | null): QueueApi {
  const proxy = env.TASKCLUSTER_PROXY_URL;
  if (proxy && !rootUrl) return createQueue({ rootUrl: proxy });
  const root = rootUrl ?? env.TASKCLUSTER_ROOT_URL;
  if (!root) throw new Error('no Taskcluster root URL: pass --root-url or set TASKCLUSTER_ROOT_URL');
  const clientId = env.TASKCLUSTER_CLIENT_ID;
  const accessToken = env.TASKCLUSTER_ACCESS_TOKEN;
  return createQueue({ rootUrl: root, credentials: clientId && accessToken ? { clientId, accessToken } : null });
}

/** A new slugid (22 URL-safe base64 characters, never starting with '-'). */
export function newTaskId(): string {
  return tc.slugid();
}

/** `offset` ("1 day", "2 hours") after `reference`, as an ISO 8601 string. */
export function fromNow(offset: string, reference: Date): string {
  return tc.fromNowJSON(offset, reference);
}

/** The web page of a task on a deployment (what `results` links to). */
export function taskUrl(rootUrl: string, taskId: string): string {
  return `${rootUrl.replace(/\/$/, '')}/tasks/${taskId}`;
}
