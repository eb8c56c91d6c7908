/**
 * What the index lost, in one language for every check: a project page, a release's metadata or a
 * file that the index (or mirror) failed to deliver after retries (a timeout, the per-host breaker,
 * 5xx, a reset, a truncated body) is an `index-error` finding (its cell `error`, exit 3) naming the
 * host, the URL and what failed, in pip's words ("Could not fetch URL …: … Read timed out."), with
 * the way out (check the host, run again, raise `--timeout`). `metadata-unavailable` is kept for a
 * release whose metadata was delivered and cannot be read (no METADATA, a corrupt zip, an sdist
 * without static metadata).
 * A *candidate* release (one a check looked at to suggest a move, not a pinned one) whose metadata was
 * lost gets the same finding, at the pin's (or config rule's) line, naming that release
 * (`details.candidate`) and the conclusion that could therefore not be judged (`lostCandidate`).
 * The index layer's reasons end in `(<url>)` (describeError) or start with `<url>: `; the URL and
 * host are read back from them, so a reason that names no URL still makes a finding (host null).
 * A page delivered in a Content-Type pip does not read (an S3 bucket's XML listing) is lost the same
 * way, in pip's words ("Skipping page …"), with the way out that fits it (serve it as text/html); so
 * is one pip cannot decode in the charset its Content-Type names ("Cannot decode page …: LookupError
 * / UnicodeDecodeError …", where pip 22 and later stop with a traceback): name the right charset.
 */
import type { LostRelease } from './candidates.js';

/** What was lost: a project listing (`page`), a release's metadata, or a file read for its digest. */
export type LostKind = 'page' | 'metadata' | 'file';

export interface IndexLoss {
  where: 'index' | 'mirror';
  lost: LostKind;
  /** The URL whose fetch failed, when the reason names one. */
  url: string | null;
  /** Its `host[:port]`. */
  host: string | null;
  /** The index client's reason, verbatim. */
  reason: string;
  /** The release whose metadata was lost, when it is a candidate the check looked at rather than the pin's own release. */
  candidate?: { package: string; version: string };
}

const URL_IN_REASON = /\b(?:https?|file):\/\/[^\s()<>;,]+/i;

export function indexLoss(where: IndexLoss['where'], lost: LostKind, reason: string, url: string | null = null): IndexLoss {
  const named = url ?? URL_IN_REASON.exec(reason)?.[0]?.replace(/[.:]+$/, '') ?? null;
  return { where, lost, url: named, host: hostOf(named), reason };
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? null : parsed.host;
  } catch {
    return null;
  }
}

/** pip's (urllib3's) words for the failure, followed by ours in brackets (without the URL already said) so nothing is lost. */
export function pipCause(reason: string, url: string | null = null): string {
  // Several files' failures are joined with '; ': the words are the first's, the one whose URL is named.
  const words = pipWords(reason.split('; ')[0] ?? reason);
  const ours = url === null ? reason : withoutUrl(reason, url);
  return words ? `${words} (${ours})` : ours;
}

/** The reason less the URL the message already names: its `(<url>)` suffix and the `<filename>: ` it is prefixed with. */
function withoutUrl(reason: string, url: string): string {
  const filename = decodeURIComponent(url.split(/[?#]/)[0]?.split('/').pop() ?? '');
  let out = reason.split(` (${url})`).join('');
  if (filename && out.startsWith(`${filename}: `)) out = out.slice(filename.length + 2);
  if (out.startsWith(`${url}: `)) out = out.slice(url.length + 2);
  return out.trim() || reason;
}

function pipWords(reason: string): string | null {
  if (/is not answering/.test(reason)) return 'connection timed out';
  if (/timed out/i.test(reason)) return 'Read timed out.';
  const status = /\bHTTP (\d{3})\b/.exec(reason)?.[1];
  if (status && status.startsWith('5')) return `${status} Server Error`;
  if (status === '429') return '429 Client Error: Too Many Requests';
  if (status && status.startsWith('4')) return `${status} Client Error`;
  if (/ECONNREFUSED/.test(reason)) return 'Failed to establish a new connection: [Errno 111] Connection refused';
  if (/ECONNRESET|UND_ERR_SOCKET|connection reset|terminated|socket hang up|other side closed/i.test(reason)) return "Connection aborted: ConnectionResetError(104, 'Connection reset by peer')";
  if (/truncated/.test(reason)) return 'Connection broken: IncompleteRead';
  return null;
}

/** pip's warning for a page it was sent and does not read, for its Content-Type (the index layer's reason, verbatim). */
const SKIPPED_PAGE = /^Skipping page \S+ because the GET request got Content-Type: /;

/** A page pip cannot decode in its charset (the index layer's reason, verbatim: see src/index/charset.ts). */
const UNDECODABLE_PAGE = /^Cannot decode page \S+ /;

/** "Could not fetch URL <url>: <cause>", pip's line for a page or file it could not get; pip's own line for a page it skips or cannot decode. */
export function couldNotFetch(loss: IndexLoss): string {
  if (SKIPPED_PAGE.test(loss.reason) || UNDECODABLE_PAGE.test(loss.reason)) return loss.reason;
  return `Could not fetch URL ${loss.url ?? `(the ${loss.where})`}: ${pipCause(loss.reason, loss.url)}`;
}

/**
 * What a pin in the `index-error` state lost: its project page (no release found yet) or its
 * release's metadata; a `# puppet: nodownload` pin is read from the mirror only.
 */
export function pinIndexLoss(pin: { nodownload: boolean }, release: { version: string } | null, reason: string | null): IndexLoss {
  return indexLoss(pin.nodownload ? 'mirror' : 'index', release ? 'metadata' : 'page', reason ?? 'no answer');
}

/** An index-error finding's message: pip's line, what was lost from which host, and what that left unchecked. */
export function indexLossMessage(loss: IndexLoss, subject: { name: string; version: string | null; filename?: string }, consequence: string): string {
  if (SKIPPED_PAGE.test(loss.reason)) return `${couldNotFetch(loss)}: pip reads no file from it, so ${consequence}`;
  if (UNDECODABLE_PAGE.test(loss.reason)) return `${couldNotFetch(loss)}: pip 22 and later stop there with this error, so ${consequence}`;
  const what = lostWhat(loss, subject.name, subject.version, subject.filename);
  return `${couldNotFetch(loss)}: ${what} could not be fetched${loss.host ? ` from ${loss.host}` : ''}, so ${consequence}`;
}

/** What was lost, for a message: "the index page of requests", "the metadata of requests 2.31.0". */
export function lostWhat(loss: IndexLoss, name: string, version: string | null, filename?: string): string {
  if (loss.lost === 'page') return `the ${loss.where === 'mirror' ? 'mirror listing' : 'index page'} of ${name}`;
  if (loss.lost === 'file') return filename ?? `a file of ${name} ${version ?? ''}`.trimEnd();
  return `the metadata of ${name} ${version ?? ''}`.trimEnd();
}

/** The way out: check the host, run again (the cache keeps what was fetched), a longer `--timeout`. */
export function indexLossSuggestion(loss: IndexLoss, option = loss.where === 'mirror' ? '--find-links / mirrors in .pyup-checks.yml' : '--index-url'): string {
  const host = loss.host ?? `the ${loss.where}`;
  if (SKIPPED_PAGE.test(loss.reason)) {
    return `make ${host} serve ${loss.url ?? 'the page'} as text/html (pip reads no other page: an S3 bucket's own listing is XML, an object stored without a type is binary/octet-stream), or check ${option}`;
  }
  if (UNDECODABLE_PAGE.test(loss.reason)) {
    return `make ${host} name the page's encoding in the Content-Type of ${loss.url ?? 'the page'} (text/html; charset=ISO-8859-1 for Latin-1 file names), or serve it in UTF-8: pip decodes a page in its charset, and in UTF-8 when none is given; or check ${option}`;
  }
  const slow = /timed out|not answering/i.test(loss.reason);
  return [
    `check that ${host} answers${loss.url ? ` (curl -sI ${loss.url})` : ''} and run again: the cache keeps what was already fetched`,
    slow ? `on a slow ${loss.where} raise --timeout SECONDS (or PYUP_CHECKS_TIMEOUT)` : null,
    `if it persists, check ${option}`,
  ].filter(Boolean).join('; ');
}

/**
 * The index-error part for a conclusion that needed a candidate release whose metadata was lost:
 * pip's line, the release and host, and what was not judged (`consequence`, after "so"); `others`
 * counts further lost candidates of the same question, said in the message.
 */
export function lostCandidate(lost: LostRelease, display: string, consequence: string, others = 0): {
  code: 'index-error';
  severity: 'error';
  message: string;
  details: IndexLoss;
  suggestion: { text: string; changes: [] };
} {
  const loss: IndexLoss = { ...indexLoss('index', 'metadata', lost.reason), candidate: { package: lost.name, version: lost.version } };
  const more = others > 0 ? `; the metadata of ${others} other candidate release(s) was lost too` : '';
  return {
    code: 'index-error',
    severity: 'error',
    message: indexLossMessage(loss, { name: display, version: lost.version }, `${consequence}${more}`),
    details: loss,
    suggestion: { text: indexLossSuggestion(loss), changes: [] },
  };
}
