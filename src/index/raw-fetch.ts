/**
 * A GET whose body is the bytes as the server sent them, never content-decoded.
 *
 * A distribution file's hashes are of the stored file, and pip reads it raw (`Accept-Encoding:
 * identity` and `decode_content=False`, pypa/pip#1460). Some servers label a stored `.tar.gz`
 * `Content-Encoding: gzip` whatever was asked (proxpi; Apache's `AddEncoding x-gzip .gz`): fetch()
 * decodes every gzip/deflate/br body and cannot be told not to, which leaves a bare tar whose sha256
 * matches nothing. So such an answer is asked again through node:http(s), once. The result is a web
 * Response, read by the caller like any other (caps, timeout, truncation against Content-Length,
 * which now counts the bytes read).
 */
import { Readable } from 'node:stream';

/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Whether fetch() decoded this response's body (any coding but identity). */
export function isContentEncoded(headers: Headers): boolean {
  const coding = (headers.get('content-encoding') ?? '').trim().toLowerCase();
  return coding !== '' && coding !== 'identity';
}

/** GET `url` with `headers`; the body stream is the raw bytes. Rejects on network errors and on `signal`. */
export async function rawGet(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
  const target = new URL(url);
  // Loaded on first use: only a server that encodes an archive gets here, and node:https costs every start-up ~6 ms.
  const send = target.protocol === 'https:' ? (await import('node:https')).request : (await import('node:http')).request;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: 'GET', headers, signal }, (res) => {
      const answer = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) answer.append(res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '');
      const status = res.statusCode ?? 0;
      if (NULL_BODY.has(status)) res.resume();
      const body = NULL_BODY.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
      resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers: answer }));
    });
    req.on('error', reject);
    req.end();
  });
}
