import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback for the browser tests. The web apps send to it over SMTP_URL; it
 * keeps every message raw in `dir` (one .eml per message), because the tests run in worker processes
 * other than the global setup that owns this server.
 */
export async function startSmtpSink(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let seq = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        seq += 1;
        // Written under a temporary name, then renamed: a reader never sees half a message.
        const name = `${Date.now()}-${String(seq).padStart(5, '0')}.eml`;
        const temp = path.join(dir, `.${name}.tmp`);
        writeFileSync(temp, Buffer.concat(chunks));
        renameSync(temp, path.join(dir, name));
        callback();
      });
      stream.on('error', callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
