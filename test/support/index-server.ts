// A loopback PEP 503/691 simple index for tests (the role npm's mock-registry plays for npm/cli).
// Serves `/simple/` (root listing), `/simple/<name>/` (HTML or JSON by Accept, PEP 691), files under
// `/files/` with PEP 658 `<file>.metadata`, and optionally a flat autoindex at `/links/` for find-links.
// Supports HEAD, single Range requests (206, 416 when unsatisfiable; or ignored, `ranges: false`), files
// without Content-Length (chunked, `contentLength: false`), 301 from non-normalised names (PEP 503),
// 404 for unknown projects, and scripted faults (status, reset, delay, truncate, body, and
// for time bounds: hang = accept and never answer, drip = a byte per interval, stall = part of the
// body then silence). `latencyMs` delays every request (1–5 ms makes request counts show as time);
// `cacheControl` is sent on pages (PyPI: `max-age=600`); `counts()` sums the requests by kind.
// Real-world shapes: `autoindex` renders `/links/` as nginx, Apache or Python's http.server list a
// folder; `pageContentType` labels every page as a static host does (an S3 object uploaded without a
// type is `binary/octet-stream`; null sends no Content-Type); `encodeArchives` labels the stored
// `.tar.gz`/`.tgz` files `Content-Encoding: gzip` whatever was asked (proxpi; Apache's `AddEncoding x-gzip .gz`).
// Bound: listens on 127.0.0.1 port 0 only, and close() destroys every socket it accepted.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { buildProjects, type BuiltFile, type ProjectSpec } from './distributions.js';
import {
  directoryListingHtml,
  negotiate,
  type AutoindexStyle,
  normalize,
  projectHtml,
  projectJson,
  rootHtml,
  rootJson,
  JSON_V1,
  type ApiMode,
} from './index-pages.js';

export interface IndexServerOptions {
  projects: ProjectSpec[] | BuiltFile[];
  /** 'both' = PEP 691 negotiation by Accept (default). */
  api?: ApiMode;
  /** Serve `<file>.metadata` and advertise it (data-dist-info-metadata / data-core-metadata); default true. */
  pep658?: boolean;
  /**
   * Honour Range with 206; default true (false: every file GET is a 200 with the whole file, as a
   * server that ignores Range sends). Ranges as some servers get them wrong: `'prefix'` answers a
   * suffix range (`bytes=-N`) with the file's first N bytes (a truthful Content-Range), as a server
   * without suffix ranges does; `'misplaced'` claims the range asked for and sends bytes from the
   * file's start (a cache keyed without the Range header).
   */
  ranges?: boolean | 'prefix' | 'misplaced';
  /** Send Content-Length with files; default true (false: chunked, as dynamic artifact servers and some proxies send). */
  contentLength?: boolean;
  /** Also serve a flat autoindex page at `/links/` listing all files. */
  findLinks?: boolean;
  /** How `/links/` lists the files (default nginx's autoindex). */
  autoindex?: AutoindexStyle;
  /** The Content-Type of every page whatever was negotiated (null: none), as a static host labels its objects. */
  pageContentType?: string | null;
  /** Send `.tar.gz`/`.tgz` files as they are stored, labelled `Content-Encoding: gzip`. */
  encodeArchives?: boolean;
  faults?: Fault[];
  /** Default '/simple/'. */
  basePath?: string;
  /** Delay before answering each request: a number, or [min, max] drawn uniformly. */
  latencyMs?: number | [number, number];
  /** `Cache-Control` on simple pages and the find-links page (none by default). */
  cacheControl?: string;
}

type FaultPath = string | RegExp;
export type Fault =
  | { path: FaultPath; kind: 'status'; status: number; times?: number }
  | { path: FaultPath; kind: 'reset'; times?: number }
  | { path: FaultPath; kind: 'delay'; ms: number; times?: number }
  | { path: FaultPath; kind: 'truncate'; bytes: number; times?: number }
  /** Answer 200 with this body (a string as UTF-8, a Buffer as its bytes: a page in another charset). */
  | { path: FaultPath; kind: 'body'; body: string | Buffer; contentType?: string; times?: number }
  /** Accept the request and never answer (the socket stays open until close()). */
  | { path: FaultPath; kind: 'hang'; times?: number }
  /** Send the headers, then the body one byte every `intervalMs`. */
  | { path: FaultPath; kind: 'drip'; intervalMs: number; times?: number }
  /** Send the headers and the first `bytes` of the body, then nothing more. */
  | { path: FaultPath; kind: 'stall'; bytes: number; times?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  range?: string;
  accept?: string;
}

export interface IndexServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + basePath, e.g. http://127.0.0.1:PORT/simple/ */
  indexUrl: string;
  /** url + '/links/' */
  findLinksUrl: string;
  files: BuiltFile[];
  requests: RecordedRequest[];
  /** The requests so far by kind: simple/find-links pages, PEP 658 files, ranged file GETs, whole file GETs, HEADs. */
  counts(): { pages: number; metadata: number; ranges: number; downloads: number; heads: number; total: number };
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Range requests apply only to file bodies. */
  rangeable?: boolean;
}

function isBuilt(p: ProjectSpec[] | BuiltFile[]): p is BuiltFile[] {
  return p.length > 0 && 'bytes' in (p[0] as object);
}

function text(status: number, body: string | Buffer, type: string | null = 'text/plain; charset=utf-8'): Reply {
  return { status, headers: type === null ? {} : { 'Content-Type': type }, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Parse a single `bytes=` range against `size`: null = ignore the header, 'unsatisfiable' = 416. */
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null; // multiple ranges or another unit: serve the whole body (allowed by RFC 9110)
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Start the index on 127.0.0.1 (ephemeral port). */
export async function startIndexServer(opts: IndexServerOptions): Promise<IndexServer> {
  const files = isBuilt(opts.projects) ? opts.projects : await buildProjects(opts.projects);
  const api = opts.api ?? 'both';
  const pep658 = opts.pep658 ?? true;
  const ranges = opts.ranges ?? true;
  const contentLength = opts.contentLength ?? true;
  const rangeMode = typeof ranges === 'string' ? ranges : null;
  let basePath = opts.basePath ?? '/simple/';
  if (!basePath.startsWith('/')) basePath = `/${basePath}`;
  if (!basePath.endsWith('/')) basePath = `${basePath}/`;
  const filesHref = `${'../'.repeat(basePath.split('/').filter(Boolean).length + 1)}files/`;

  const displays = new Map<string, string>();
  const byProject = new Map<string, BuiltFile[]>();
  const versions = new Map<string, string[]>();
  if (!isBuilt(opts.projects)) {
    for (const p of opts.projects) {
      displays.set(normalize(p.name), p.name);
      byProject.set(normalize(p.name), []);
      versions.set(normalize(p.name), p.releases.map((r) => r.version));
    }
  }
  const byFilename = new Map<string, BuiltFile>();
  for (const f of files) {
    const n = normalize(f.project);
    if (!displays.has(n)) displays.set(n, f.project);
    const listed = byProject.get(n) ?? [];
    listed.push(f);
    byProject.set(n, listed);
    const vs = versions.get(n) ?? [];
    if (!vs.includes(f.version)) vs.push(f.version);
    versions.set(n, vs);
    byFilename.set(f.filename, f);
  }

  const faults = (opts.faults ?? []).map((fault) => ({ fault, used: 0 }));
  const requests: RecordedRequest[] = [];

  function page(accept: string | undefined, render: (json: boolean) => string): Reply {
    const type = negotiate(accept, api);
    if (!type) return text(406, 'Not Acceptable');
    const json = type === JSON_V1;
    const reply = text(200, render(json), opts.pageContentType !== undefined ? opts.pageContentType : json ? JSON_V1 : `${type}; charset=utf-8`);
    reply.headers['Vary'] = 'Accept';
    if (opts.cacheControl) reply.headers['Cache-Control'] = opts.cacheControl;
    return reply;
  }

  function fileReply(filename: string | null, allowMetadata: boolean): Reply {
    if (filename === null) return text(400, 'Bad Request');
    const f = byFilename.get(filename);
    // An ETag, as nginx and PyPI's CDN give, so downloads can be revalidated.
    if (f) {
      const encoding: Record<string, string> = opts.encodeArchives && /\.(tar\.gz|tgz)$/.test(f.filename) ? { 'Content-Encoding': 'gzip' } : {};
      return { status: 200, headers: { 'Content-Type': 'application/octet-stream', ETag: `"${f.sha256.slice(0, 16)}"`, ...encoding }, body: f.bytes, rangeable: true };
    }
    if (allowMetadata && pep658 && filename.endsWith('.metadata')) {
      const base = byFilename.get(filename.slice(0, -'.metadata'.length));
      if (base?.pep658) return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from(base.metadata, 'utf8'), rangeable: true };
    }
    return text(404, 'Not Found');
  }

  function route(pathname: string, accept: string | undefined): Reply {
    if (pathname === basePath) return page(accept, (json) => (json ? rootJson([...displays.values()]) : rootHtml([...displays.values()])));
    if (pathname.startsWith(basePath)) {
      const rest = pathname.slice(basePath.length);
      const slash = rest.indexOf('/');
      const seg = decode(slash < 0 ? rest : rest.slice(0, slash));
      if (seg === null || (slash >= 0 && slash !== rest.length - 1)) return text(404, 'Not Found');
      const norm = normalize(seg);
      if (!byProject.has(norm)) return text(404, 'Not Found');
      if (slash < 0 || norm !== seg) {
        const r = text(301, 'Moved Permanently');
        r.headers['Location'] = `${basePath}${encodeURIComponent(norm)}/`;
        return r;
      }
      const display = displays.get(norm) ?? norm;
      const pf = byProject.get(norm) ?? [];
      const ctx = { filesHref, pep658 };
      return page(accept, (json) => (json ? projectJson(display, pf, versions.get(norm) ?? [], ctx) : projectHtml(display, pf, ctx)));
    }
    if (pathname.startsWith('/files/')) return fileReply(decode(pathname.slice('/files/'.length)), true);
    if (opts.findLinks && pathname === '/links/') {
      const r = text(200, directoryListingHtml(opts.autoindex ?? 'nginx', '/links/', files), opts.pageContentType !== undefined ? opts.pageContentType : 'text/html');
      if (opts.cacheControl) r.headers['Cache-Control'] = opts.cacheControl;
      return r;
    }
    if (opts.findLinks && pathname.startsWith('/links/')) return fileReply(decode(pathname.slice('/links/'.length)), false);
    return text(404, 'Not Found');
  }

  type Slow = { kind: 'drip'; intervalMs: number } | { kind: 'stall'; bytes: number } | null;

  function send(req: IncomingMessage, res: ServerResponse, reply: Reply, truncateTo: number | null, slow: Slow = null): void {
    let { status, body } = reply;
    const headers = { ...reply.headers };
    if (reply.rangeable && ranges) headers['Accept-Ranges'] = 'bytes';
    const rangeHeader = req.headers.range;
    if (reply.rangeable && ranges && status === 200 && rangeHeader) {
      const r = parseRange(rangeHeader, body.length);
      if (r === 'unsatisfiable') {
        status = 416;
        headers['Content-Range'] = `bytes */${body.length}`;
        body = Buffer.alloc(0);
      } else if (r) {
        status = 206;
        const asked = rangeMode === 'prefix' && /^bytes=-\d+$/.test(rangeHeader.trim()) ? { start: 0, end: r.end - r.start } : r;
        headers['Content-Range'] = `bytes ${asked.start}-${asked.end}/${body.length}`;
        const from = rangeMode === 'misplaced' ? 0 : asked.start;
        body = body.subarray(from, from + asked.end - asked.start + 1);
      }
    }
    // Without a Content-Length, Node sends the body chunked (the headers go out first, by writeHead).
    if (contentLength || !reply.rangeable) headers['Content-Length'] = String(body.length);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return void res.end();
    if (slow?.kind === 'stall') return void res.write(body.subarray(0, slow.bytes));
    if (slow?.kind === 'drip') {
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || at >= body.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(body.subarray(at, at + 1));
        at++;
      }, slow.intervalMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (truncateTo !== null && truncateTo < body.length) {
      // Promise the whole body, deliver part of it, then drop the connection.
      res.write(body.subarray(0, truncateTo), () => res.destroy());
      return;
    }
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const accept = req.headers.accept;
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(accept ? { accept } : {}),
    });
    const latency = opts.latencyMs;
    if (latency !== undefined) {
      const ms = typeof latency === 'number' ? latency : latency[0] + Math.random() * (latency[1] - latency[0]);
      await new Promise((r) => setTimeout(r, ms));
      if (res.destroyed) return;
    }
    let truncateTo: number | null = null;
    let slow: Slow = null;
    for (const slot of faults) {
      const { fault } = slot;
      const hit = typeof fault.path === 'string' ? fault.path === url.pathname : fault.path.test(url.pathname);
      if (!hit || (fault.times !== undefined && slot.used >= fault.times)) continue;
      slot.used++;
      switch (fault.kind) {
        case 'delay':
          await new Promise((r) => setTimeout(r, fault.ms));
          if (res.destroyed) return;
          break;
        case 'status':
          return send(req, res, text(fault.status, `injected ${fault.status}`), null);
        case 'reset':
          req.socket.destroy();
          return;
        case 'truncate':
          truncateTo = fault.bytes;
          break;
        case 'body':
          return send(req, res, text(200, fault.body, fault.contentType ?? 'text/html'), truncateTo);
        case 'hang':
          return;
        case 'drip':
        case 'stall':
          slow = fault;
          break;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const r = text(405, 'Method Not Allowed');
      r.headers['Allow'] = 'GET, HEAD';
      return send(req, res, r, null);
    }
    send(req, res, route(url.pathname, accept), truncateTo, slow);
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(req, res, text(500, String(err)), null);
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('index server has no TCP address');
  const url = `http://127.0.0.1:${addr.port}`;
  return {
    url,
    indexUrl: `${url}${basePath}`,
    findLinksUrl: `${url}/links/`,
    files,
    requests,
    counts: () => {
      const c = { pages: 0, metadata: 0, ranges: 0, downloads: 0, heads: 0, total: requests.length };
      for (const r of requests) {
        if (r.method === 'HEAD') c.heads++;
        else if (r.path.endsWith('.metadata')) c.metadata++;
        else if (r.path.startsWith('/files/') || (r.path.startsWith('/links/') && r.path !== '/links/')) {
          if (r.range) c.ranges++;
          else c.downloads++;
        } else c.pages++;
      }
      return c;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
