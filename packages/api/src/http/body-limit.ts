/** The request body went past the byte limit: reading stopped there. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes.`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * The same request with a body that errors as soon as more than `maxBytes` have arrived, whatever the
 * transfer encoding: a chunked body (no Content-Length) or one that lies about its length is cut off
 * at the limit instead of being read whole, and what was read is dropped with the error. The
 * declared Content-Length is checked earlier still by the callers.
 */
export function withBodyLimit(req: Request, maxBytes: number): Request {
  if (!req.body) return req;
  let seen = 0;
  const limited = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new BodyTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(req.url, { method: req.method, headers: req.headers, body: limited, signal: req.signal, duplex: 'half' } as RequestInit);
}

/** Whether an error (or one of its causes, as fetch and tRPC wrap them) is a BodyTooLarge. */
export function isBodyTooLarge(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof BodyTooLarge) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}
