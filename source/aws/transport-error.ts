// What the transport of STS and IAM calls reports when the exchange itself fails, without the HTTP
// stack: errors.ts words these for every command, including ones that never load the SDK.

/** An STS or IAM answer is a few kilobytes; anything this big is not one, and is not read further. */
export const maxAnswerBytes = 1024 * 1024;

/** What the transport saw of the endpoint during one call; holds no secret. */
export type Seen = {connected: boolean; status?: number; contentType?: string};

/**
 * A failure of the exchange itself, not one AWS reported: the whole call took longer than its
 * deadline, the answer grew past maxAnswerBytes, or an answer came that is not the operation's.
 */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    readonly failure: 'deadline' | 'too-large' | 'not-an-answer',
    readonly seen: Seen,
    readonly limitMs?: number,
  ) {
    super(failure);
  }
}

/** Where a bounded call leaves what it saw on an error it passes on. */
export const seenKey = Symbol('seen');

/** What the transport saw before `error`, when it came from a bounded call. */
export function seenOf(error: unknown): Seen | undefined {
  return (error as {[seenKey]?: Seen} | undefined)?.[seenKey];
}

/** Whether a content type is one AWS answers in (XML for the query protocol, JSON for the others). */
export const awsContentType = (type: string | undefined) => /\b(xml|json)\b/i.test(type ?? '');
