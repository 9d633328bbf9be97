// Server-side AWS Signature Version 4 checks: parse the Authorization header, rebuild the canonical
// request from the headers the client says it signed, derive the key, compare in constant time.
import {createHash, createHmac, timingSafeEqual} from 'node:crypto';
import {Refusal} from './errors.js';

/** A request as it arrived: raw path and query, headers by lower-case name, the body bytes. */
export type RawRequest = {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string[]>;
  body: Buffer;
};

/** The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
type Authorization = {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
};

const algorithm = 'AWS4-HMAC-SHA256';
const skewMs = 15 * 60 * 1000;

export const signatureMismatchMessage =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const incomplete = (message: string) => new Refusal('IncompleteSignature', message);
const mismatch = (message: string) => new Refusal('SignatureDoesNotMatch', message);

/** The first value of a header, or undefined. */
export function header(request: RawRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()]?.[0];
}

const fail = (error: Refusal) => ({ok: false, error}) as const;

/** Parses an Authorization header; the problem says which part is missing, never echoing the header. */
export function parseAuthorization(
  value: string,
): {ok: true; value: Authorization} | {ok: false; error: Refusal} {
  const [scheme, ...rest] = value.trim().split(' ');
  if (scheme !== algorithm)
    return fail(incomplete(`Unsupported AWS 'algorithm': '${scheme.slice(0, 40)}'`));
  const fields = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !fields.get(k));
  if (missing.length > 0)
    return fail(
      incomplete(missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ')),
    );
  const credential = fields.get('Credential')!.split('/');
  if (credential.length !== 5 || credential.some((p) => p === ''))
    return fail(
      incomplete(
        "Credential should be of the form 'ACCESS_KEY_ID/DATE/REGION/SERVICE/aws4_request'.",
      ),
    );
  const [accessKeyId, date, region, service, terminator] = credential;
  const signedHeaders = fields
    .get('SignedHeaders')!
    .split(';')
    .map((h) => h.trim().toLowerCase());
  const signature = fields.get('Signature')!.toLowerCase();
  return {
    ok: true,
    value: {accessKeyId, date, region, service, terminator, signedHeaders, signature},
  };
}

/** Checks the credential scope (any region; `service`; date matching X-Amz-Date) and the signed header set. */
export function checkScope(
  auth: Authorization,
  amzDate: string,
  service = 'sts',
): Refusal | undefined {
  const day = amzDate.slice(0, 8);
  const terminator = auth.terminator.slice(0, 40);
  const checks: Array<[boolean, string]> = [
    [auth.service !== service, `Credential should be scoped to correct service: '${service}'. `],
    [
      auth.terminator !== 'aws4_request',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `,
    ],
    [!/^[a-z0-9-]+$/.test(auth.region), 'Credential should be scoped to a valid region. '],
    [
      auth.date !== day,
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date.slice(0, 16)}' != '${day}', from '${amzDate}'.`,
    ],
    [
      !auth.signedHeaders.includes('host'),
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    ],
    [
      !auth.signedHeaders.includes('x-amz-date'),
      "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
    ],
  ];
  const failed = checks.find(([bad]) => bad);
  return failed && mismatch(failed[1]);
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Formats a moment as `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(when: Date | number): string {
  return new Date(when).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/** STS's ±15 minute window between the request's X-Amz-Date and the server's clock. */
export function checkSkew(requestDate: Date, now: Date): Refusal | undefined {
  const ahead = requestDate.getTime() - now.getTime();
  if (Math.abs(ahead) <= skewMs) return undefined;
  const [request, at] = [formatAmzDate(requestDate), formatAmzDate(now)];
  const limit = formatAmzDate(now.getTime() + Math.sign(ahead) * skewMs);
  return mismatch(
    ahead < 0
      ? `Signature expired: ${request} is now earlier than ${limit} (${at} - 15 min.)`
      : `Signature not yet current: ${request} is still later than ${limit} (${at} + 15 min.)`,
  );
}

/** RFC 3986 percent-encoding of a raw wire value (decoded once first), as SigV4 wants it. */
function uriEncode(value: string, decode = false): string {
  let text = value;
  try {
    if (decode) text = decodeURIComponent(value);
  } catch {
    // A malformed escape is signed as it stands.
  }
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(query: string): string {
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const [key, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [uriEncode(key, true), uriEncode(value, true)] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** The canonical request built from exactly the headers the client signed. */
function canonicalRequest(request: RawRequest, signedHeaders: string[]): string {
  const headers = signedHeaders.map((name) => {
    const values = (request.headers[name] ?? []).map((v) => v.trim().replace(/\s+/g, ' '));
    return `${name}:${values.join(',')}\n`;
  });
  return [
    request.method.toUpperCase(),
    // Non-S3 services encode each segment of the (already encoded) wire path once more.
    (request.path || '/')
      .split('/')
      .map((segment) => uriEncode(segment))
      .join('/'),
    canonicalQuery(request.query),
    headers.join(''),
    signedHeaders.join(';'),
    sha256(request.body),
  ].join('\n');
}

/** Checks the signature (and a signed x-amz-content-sha256, which must be the body's hash) in constant time. */
export function verifySignature(
  request: RawRequest,
  auth: Authorization,
  amzDate: string,
  secret: string,
): Refusal | undefined {
  const declared = header(request, 'x-amz-content-sha256');
  if (declared !== undefined && declared.toLowerCase() !== sha256(request.body))
    return mismatch(signatureMismatchMessage);
  const scope = [auth.date, auth.region, auth.service, auth.terminator];
  const toSign = [
    algorithm,
    amzDate,
    scope.join('/'),
    sha256(canonicalRequest(request, auth.signedHeaders)),
  ];
  const key = [...scope.slice(0, 3), 'aws4_request'].reduce<string | Buffer>(hmac, `AWS4${secret}`);
  const expected = Buffer.from(hmac(key, toSign.join('\n')).toString('hex'));
  const given = Buffer.from(auth.signature, 'utf8');
  const equal = expected.length === given.length && timingSafeEqual(expected, given);
  return equal ? undefined : mismatch(signatureMismatchMessage);
}
