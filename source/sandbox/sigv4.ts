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
export type Authorization = {
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

/** Parses an Authorization header; the problem says which part is missing, never echoing the header. */
export function parseAuthorization(
  value: string,
): {ok: true; value: Authorization} | {ok: false; error: Refusal} {
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  if (scheme !== algorithm) {
    return {ok: false, error: incomplete(`Unsupported AWS 'algorithm': '${scheme.slice(0, 40)}'`)};
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !fields.get(k));
  if (missing.length > 0) {
    return {
      ok: false,
      error: incomplete(
        missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '),
      ),
    };
  }
  const credential = fields.get('Credential')!.split('/');
  if (credential.length !== 5 || credential.some((p) => p === '')) {
    return {
      ok: false,
      error: incomplete(
        "Credential should be of the form 'ACCESS_KEY_ID/DATE/REGION/SERVICE/aws4_request'.",
      ),
    };
  }
  const [accessKeyId, date, region, service, terminator] = credential;
  return {
    ok: true,
    value: {
      accessKeyId,
      date,
      region,
      service,
      terminator,
      signedHeaders: fields
        .get('SignedHeaders')!
        .split(';')
        .map((h) => h.trim().toLowerCase()),
      signature: fields.get('Signature')!.toLowerCase(),
    },
  };
}

/** Checks the credential scope (any region; service `sts`; date matching X-Amz-Date) and the signed header set. */
export function checkScope(
  auth: Authorization,
  amzDate: string,
  service = 'sts',
): Refusal | undefined {
  if (auth.service !== service) {
    return mismatch(`Credential should be scoped to correct service: '${service}'. `);
  }
  if (auth.terminator !== 'aws4_request') {
    return mismatch(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator.slice(0, 40)}'. `,
    );
  }
  if (!/^[a-z0-9-]+$/.test(auth.region)) {
    return mismatch('Credential should be scoped to a valid region. ');
  }
  if (auth.date !== amzDate.slice(0, 8)) {
    return mismatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date.slice(0, 16)}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (!auth.signedHeaders.includes('host')) {
    return mismatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (!auth.signedHeaders.includes('x-amz-date')) {
    return mismatch("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return undefined;
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Formats a moment as `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(when: Date): string {
  return when
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** STS's ±15 minute window between the request's X-Amz-Date and the server's clock. */
export function checkSkew(requestDate: Date, now: Date): Refusal | undefined {
  const request = formatAmzDate(requestDate);
  if (requestDate.getTime() < now.getTime() - skewMs) {
    return mismatch(
      `Signature expired: ${request} is now earlier than ${formatAmzDate(new Date(now.getTime() - skewMs))} (${formatAmzDate(now)} - 15 min.)`,
    );
  }
  if (requestDate.getTime() > now.getTime() + skewMs) {
    return mismatch(
      `Signature not yet current: ${request} is still later than ${formatAmzDate(new Date(now.getTime() + skewMs))} (${formatAmzDate(now)} + 15 min.)`,
    );
  }
  return undefined;
}

/** RFC 3986 percent-encoding, as SigV4 wants it. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [uriEncode(safeDecode(key)), uriEncode(safeDecode(value))] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Non-S3 services encode each path segment of the (already encoded) wire path once more. */
function canonicalPath(path: string): string {
  const normal = path === '' ? '/' : path;
  return normal
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/');
}

/** Hex SHA-256 of the body bytes. */
export function payloadHash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The canonical request built from exactly the headers the client signed. */
export function canonicalRequest(request: RawRequest, signedHeaders: string[]): string {
  const headers = signedHeaders
    .map((name) => {
      const values = request.headers[name] ?? [];
      return `${name}:${values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`;
    })
    .join('');
  return [
    request.method.toUpperCase(),
    canonicalPath(request.path),
    canonicalQuery(request.query),
    headers,
    signedHeaders.join(';'),
    payloadHash(request.body),
  ].join('\n');
}

/** The signing key: AWS4+secret → date → region → service → aws4_request. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

/** The hex signature the client should have sent, given the secret the server holds for its key. */
export function expectedSignature(
  request: RawRequest,
  auth: Authorization,
  amzDate: string,
  secret: string,
): string {
  const scope = `${auth.date}/${auth.region}/${auth.service}/${auth.terminator}`;
  const canonical = canonicalRequest(request, auth.signedHeaders);
  const toSign = [
    algorithm,
    amzDate,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  return createHmac('sha256', signingKey(secret, auth.date, auth.region, auth.service))
    .update(toSign)
    .digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks the signature (and a signed x-amz-content-sha256, which must be the body's hash). */
export function verifySignature(
  request: RawRequest,
  auth: Authorization,
  amzDate: string,
  secret: string,
): Refusal | undefined {
  const declared = header(request, 'x-amz-content-sha256');
  if (declared !== undefined && declared.toLowerCase() !== payloadHash(request.body)) {
    return mismatch(signatureMismatchMessage);
  }
  const expected = expectedSignature(request, auth, amzDate, secret);
  return signaturesEqual(expected, auth.signature) ? undefined : mismatch(signatureMismatchMessage);
}
