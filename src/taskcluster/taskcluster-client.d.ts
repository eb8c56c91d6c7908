/**
 * Types for the parts of taskcluster-client 87.x we use (the package ships no types; 87 is the
 * last release under that name). Only the Queue methods the suite calls, `slugid` and
 * `fromNowJSON`. Every Queue method takes its URL parameters, then the payload (writes) or a
 * query object (reads), and resolves to the parsed JSON body; a 3xx answer resolves too (the
 * client never follows redirects), which is how `getLatestArtifact` hands back `{storageType, url}`.
 * Errors carry `statusCode` and `code` from the queue's error body.
 */
declare module 'taskcluster-client' {
  export interface ClientOptions {
    rootUrl: string;
    credentials?: { clientId: string; accessToken: string; certificate?: string };
    timeout?: number;
    retries?: number;
  }
  export class Queue {
    constructor(options: ClientOptions);
    createTask(taskId: string, payload: unknown): Promise<unknown>;
    task(taskId: string): Promise<unknown>;
    listTaskGroup(taskGroupId: string, query?: { continuationToken?: string; limit?: number }): Promise<unknown>;
    listLatestArtifacts(taskId: string, query?: { continuationToken?: string; limit?: number }): Promise<unknown>;
    getLatestArtifact(taskId: string, name: string): Promise<unknown>;
  }
  export function slugid(): string;
  export function fromNowJSON(offset: string, reference?: Date): string;
}
