import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

export interface FaultyBlobStore {
  /** What the console instances are given as S3_ENDPOINT: the proxy, not the store itself. */
  endpoint: string;
  bucket: string;
  /** While set, every write (PUT/POST) is answered 503 SlowDown, as S3 does when it sheds load. */
  refuseWrites(refuse: boolean): void;
  stop(): Promise<void>;
}

/**
 * The S3-compatible server the tests already use (s3rver, in-process) behind a small HTTP proxy that
 * can refuse writes: the console must neither lose nor half-store evidence while the store is down.
 */
export async function startFaultyBlobStore(dir: string): Promise<FaultyBlobStore> {
  const bucket = 'soak-evidence';
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port: s3Port } = await s3.run();
  let refusing = false;
  const proxy: Server = createServer((req, res) => {
    if (refusing && (req.method === 'PUT' || req.method === 'POST')) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>soak: writes refused</Message></Error>');
      return;
    }
    const upstream = request({ host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    bucket,
    refuseWrites: (refuse) => { refusing = refuse; },
    async stop() {
      await new Promise((r) => proxy.close(r));
      await s3.close();
    },
  };
}
