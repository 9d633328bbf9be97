// The server-side SigV4 check against an independent signer (@smithy/signature-v4, the JS SDK's own).
import {Hash} from '@smithy/hash-node';
import {HttpRequest} from '@smithy/protocol-http';
import {SignatureV4} from '@smithy/signature-v4';
import {describe, expect, test} from 'vitest';
import {
  checkScope,
  checkSkew,
  formatAmzDate,
  parseAmzDate,
  parseAuthorization,
  readSignature,
  signatureMismatchMessage,
  verifySignature,
  type RawRequest,
} from '../../source/sandbox/sigv4.js';

const creds = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const when = new Date('2026-03-01T12:34:56Z');

async function signed(
  options: {
    body?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    region?: string;
    secret?: string;
    sessionToken?: string;
    path?: string;
    /** Headers the SDK leaves unsigned (user-agent…) that this client signs, as botocore may. */
    signable?: string[];
  } = {},
): Promise<RawRequest> {
  const body = options.body ?? 'Action=GetCallerIdentity&Version=2011-06-15';
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4566,
    path: options.path ?? '/',
    query: options.query,
    headers: {
      host: '127.0.0.1:4566',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      ...options.headers,
    },
    body,
  });
  const signer = new SignatureV4({
    service: 'sts',
    region: options.region ?? 'us-east-1',
    sha256: Hash.bind(null, 'sha256'),
    credentials: {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: options.secret ?? creds.secretAccessKey,
      sessionToken: options.sessionToken,
    },
  });
  const signableHeaders = new Set(options.signable);
  const out = await signer.sign(request, {signingDate: when, signableHeaders});
  const headers: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(out.headers)) headers[k.toLowerCase()] = [v];
  const query = new URLSearchParams(out.query as Record<string, string>)
    .toString()
    .replace(/\+/g, '%20');
  return {method: 'POST', path: out.path, query, headers, body: Buffer.from(body)};
}

async function verify(request: RawRequest, secret = creds.secretAccessKey) {
  const auth = parseAuthorization(request.headers.authorization[0]);
  if (!auth.ok) throw new Error(auth.error.message);
  const amzDate = request.headers['x-amz-date'][0];
  return (
    checkScope(auth.value, amzDate) ??
    (await verifySignature(request, auth.value, parseAmzDate(amzDate)!, secret))
  );
}

describe('SigV4 verification', () => {
  test('accepts what the SDK signer signs, in any region, with any extra signed headers', async () => {
    expect(await verify(await signed())).toBeUndefined();
    expect(await verify(await signed({region: 'ap-southeast-2'}))).toBeUndefined();
    expect(await verify(await signed({sessionToken: 'IQoJtoken'}))).toBeUndefined();
    expect(
      await verify(
        await signed({
          headers: {
            'x-amz-user-agent': 'aws-sdk-js/3   test',
            'amz-sdk-request': 'attempt=1; max=3',
          },
        }),
      ),
    ).toBeUndefined();
    expect(
      await verify(await signed({query: {b: 'two words', a: 'x/y*z'}, path: '/'})),
    ).toBeUndefined();
  });

  test('accepts the signed request of AWS’s own SigV4 example (IAM ListUsers)', async () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
    const request: RawRequest = {
      method: 'GET',
      path: '/',
      query: 'Action=ListUsers&Version=2010-05-08',
      headers: {
        'content-type': ['application/x-www-form-urlencoded; charset=utf-8'],
        host: ['iam.amazonaws.com'],
        'x-amz-date': ['20150830T123600Z'],
        authorization: [authorization],
      },
      body: Buffer.alloc(0),
    };
    const auth = parseAuthorization(authorization);
    if (!auth.ok) throw new Error(auth.error.message);
    expect(checkScope(auth.value, '20150830T123600Z', 'iam')).toBeUndefined();
    const date = parseAmzDate('20150830T123600Z')!;
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    expect(await verifySignature(request, auth.value, date, secret)).toBeUndefined();
    request.query = 'Action=ListUsers&Version=2010-05-09';
    expect(await verifySignature(request, auth.value, date, secret)).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });

  test('a header the SDK never signs counts when the client signed it', async () => {
    const request = await signed({headers: {'user-agent': 'aws-cli/2'}, signable: ['user-agent']});
    expect(request.headers.authorization[0]).toContain(
      'SignedHeaders=content-type;host;user-agent;',
    );
    expect(await verify(request)).toBeUndefined();
    request.headers['user-agent'] = ['aws-cli/3'];
    expect(await verify(request)).toMatchObject({code: 'SignatureDoesNotMatch'});
  });

  test('a path with empty or dot segments is normalised as the SDKs sign it', async () => {
    expect(await verify(await signed({path: '/a//b/./c/../d'}))).toBeUndefined();
  });

  test('refuses a wrong secret, a changed body, a changed signed header', async () => {
    const mismatch = {
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: signatureMismatchMessage,
    };
    expect(await verify(await signed({secret: 'x'.repeat(40)}))).toEqual(mismatch);
    const body = await signed();
    body.body = Buffer.from('Action=GetSessionToken&Version=2011-06-15');
    expect(await verify(body)).toEqual(mismatch);
    const header = await signed();
    header.headers.host = ['127.0.0.1:4567'];
    expect(await verify(header)).toEqual(mismatch);
  });

  test('refuses an x-amz-content-sha256 that is not the body’s hash', async () => {
    const request = await signed({
      headers: {
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
    });
    expect(await verify(request)).toMatchObject({code: 'SignatureDoesNotMatch'});
  });

  test('the scope must name sts, aws4_request and the X-Amz-Date day', async () => {
    const auth = parseAuthorization(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
    );
    expect(auth.ok && checkScope(auth.value, '20260301T123456Z')).toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to correct service: 'sts'. ",
    });
    const day = parseAuthorization(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260302/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
    );
    expect(day.ok && checkScope(day.value, '20260301T123456Z')?.message).toContain(
      "'20260302' != '20260301'",
    );
    const noHost = parseAuthorization(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/sts/aws4_request, SignedHeaders=x-amz-date, Signature=00',
    );
    expect(noHost.ok && checkScope(noHost.value, '20260301T123456Z')?.code).toBe(
      'SignatureDoesNotMatch',
    );
  });

  test('before any key is looked up: Authorization, then X-Amz-Date, then the scope', async () => {
    const request = await signed();
    expect(readSignature(request, 'sts')).toEqual({
      auth: expect.objectContaining({accessKeyId: creds.accessKeyId, service: 'sts'}),
      requestDate: when,
    });
    expect(readSignature(request, 'iam')).toMatchObject({code: 'SignatureDoesNotMatch'});
    const without = (name: string) => {
      const {[name]: _, ...headers} = request.headers;
      return {...request, headers};
    };
    expect(readSignature(without('authorization'), 'sts')).toEqual({
      status: 403,
      code: 'MissingAuthenticationToken',
      message: 'Request is missing Authentication Token',
    });
    expect(readSignature(without('x-amz-date'), 'sts')).toEqual({
      status: 400,
      code: 'IncompleteSignature',
      message:
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    });
    const iso = {...request, headers: {...request.headers, 'x-amz-date': ['2026-03-01T12:34:56Z']}};
    expect(readSignature(iso, 'sts')).toEqual({
      status: 400,
      code: 'IncompleteSignature',
      message: `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    });
  });

  test('a malformed Authorization header is IncompleteSignature and never echoed', () => {
    const r = parseAuthorization(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/sts/aws4_request',
    );
    expect(r).toEqual({
      ok: false,
      error: {
        status: 400,
        code: 'IncompleteSignature',
        message:
          "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
      },
    });
    expect(parseAuthorization('AWS AKIAIOSFODNN7EXAMPLE:c2lnbmF0dXJl')).toMatchObject({
      ok: false,
      error: {code: 'IncompleteSignature'},
    });
  });

  test('±15 minutes of skew are fine; beyond that the messages say which way', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const at = (min: number, s = 0) => new Date(now.getTime() + min * 60_000 + s * 1000);
    expect(checkSkew(at(-15), now)).toBeUndefined();
    expect(checkSkew(at(15), now)).toBeUndefined();
    expect(checkSkew(at(-15, -1), now)).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'Signature expired: 20260301T114459Z is now earlier than 20260301T114500Z (20260301T120000Z - 15 min.)',
    });
    expect(checkSkew(at(15, 1), now)?.message).toBe(
      'Signature not yet current: 20260301T121501Z is still later than 20260301T121500Z (20260301T120000Z + 15 min.)',
    );
  });

  test('X-Amz-Date parsing', () => {
    expect(parseAmzDate('20260301T123456Z')).toEqual(when);
    expect(formatAmzDate(when)).toBe('20260301T123456Z');
    expect(parseAmzDate('2026-03-01T12:34:56Z')).toBeUndefined();
  });
});
