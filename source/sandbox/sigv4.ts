// Server-side SigV4: header, scope, clock; the SDK signer's signature compared in constant time.
import {createHash, timingSafeEqual} from 'node:crypto';
import {messages, Refusal} from './errors.js';

/** A request as it arrived: raw path and query, headers by lower-case name, the body bytes. */
export type RawRequest = {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string[]>;
  body: Buffer;
};

/** The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
type Authorization = Extract<ReturnType<typeof parseAuthorization>, {ok: true}>['value'];

const algorithm = 'AWS4-HMAC-SHA256';
const skewMs = 15 * 60 * 1000;

export const signatureMismatchMessage =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const incomplete = (message: string) => new Refusal('IncompleteSignature', message);
const mismatch = (message: string) => new Refusal('SignatureDoesNotMatch', message);

export function header(request: RawRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()]?.[0];
}

const fail = (message: string) => ({ok: false, error: incomplete(message)}) as const;

/** Whether a secret the client sent (a signature, a session token) is the expected one, in constant time. */
export function sameSecret(expected: string, given: string): boolean {
  const [a, b] = [Buffer.from(expected), Buffer.from(given)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Parses an Authorization header; the problem says which part is missing, never echoing the header. */
export function parseAuthorization(text: string) {
  const [scheme, ...rest] = text.trim().split(' ');
  if (scheme !== algorithm) return fail(`Unsupported AWS 'algorithm': '${scheme.slice(0, 40)}'`);
  const fields = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !fields.get(k));
  if (missing.length > 0)
    return fail(missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '));
  const credential = fields.get('Credential')!.split('/');
  if (credential.length !== 5 || credential.some((p) => p === ''))
    return fail(
      "Credential should be of the form 'ACCESS_KEY_ID/DATE/REGION/SERVICE/aws4_request'.",
    );
  const [accessKeyId, date, region, service, terminator] = credential;
  const signed = fields.get('SignedHeaders')!;
  const signedHeaders = signed.split(';').map((h) => h.trim().toLowerCase());
  const signature = fields.get('Signature')!.toLowerCase();
  const value = {accessKeyId, date, region, service, terminator, signedHeaders, signature};
  return {ok: true, value} as const;
}

/** Checks the credential scope (any region; `service`; date matching X-Amz-Date) and the signed header set. */
export function checkScope(auth: Authorization, amzDate: string, service = 'sts') {
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

/** A request's Authorization (scoped to `service`) and X-Amz-Date, or why it is refused. */
export function readSignature(request: RawRequest, service: string) {
  const authorization = header(request, 'authorization');
  if (authorization === undefined)
    return new Refusal('MissingAuthenticationToken', messages.missingAuth);
  const parsed = parseAuthorization(authorization);
  if (!parsed.ok) return parsed.error;
  const amzDate = header(request, 'x-amz-date');
  if (amzDate === undefined)
    return incomplete(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  const requestDate = parseAmzDate(amzDate);
  if (!requestDate)
    return incomplete(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  return checkScope(parsed.value, amzDate, service) ?? {auth: parsed.value, requestDate};
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

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

/** The wire query decoded once (a malformed escape stays as it stands), each name with all its values. */
function decodedQuery(query: string): Record<string, string[]> {
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const values = new Map<string, string[]>();
  for (const pair of query.split('&').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    values.set(name, [...(values.get(name) ?? []), eq < 0 ? '' : decode(pair.slice(eq + 1))]);
  }
  return Object.fromEntries(values);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Checks the signature (and a signed x-amz-content-sha256, which must be the body's hash) in constant time. */
export async function verifySignature(
  request: RawRequest,
  auth: Authorization,
  requestDate: Date,
  secret: string,
): Promise<Refusal | undefined> {
  const declared = header(request, 'x-amz-content-sha256');
  if (declared !== undefined && declared.toLowerCase() !== sha256(request.body))
    return mismatch(signatureMismatchMessage);
  // Loaded on the first signed request, not at start-up: `sandbox` and `demo` start without the SDK.
  const [{SignatureV4}, {Hash}, {HttpRequest}] = await Promise.all([
    import('@smithy/signature-v4'),
    import('@smithy/hash-node'),
    import('@smithy/protocol-http'),
  ]);
  // Signed again as it came, over the headers the client signed (an absent one signs as empty).
  const signed = auth.signedHeaders.map((name) => {
    const values = (request.headers[name] ?? []).map((v) => v.trim());
    return [name, values.join(',')] as const;
  });
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    sha256: Hash.bind(null, 'sha256'),
    credentials: {accessKeyId: auth.accessKeyId, secretAccessKey: secret},
    // The payload hash is the one the client sent, or the body's; the server adds no header.
    applyChecksum: false,
  });
  const out = await signer.sign(
    new HttpRequest({
      method: request.method.toUpperCase(),
      path: request.path,
      query: decodedQuery(request.query),
      headers: Object.fromEntries(signed),
      body: request.body,
    }),
    // Signable: a header the signer leaves out of its own requests (user-agent…) counts when signed.
    {signingDate: requestDate, signableHeaders: new Set(auth.signedHeaders)},
  );
  const expected = /Signature=([0-9a-f]+)$/.exec(out.headers.authorization)![1];
  return sameSecret(expected, auth.signature) ? undefined : mismatch(signatureMismatchMessage);
}
