/**
 * One process of simulated desktop agents for `npm run soak`. Each agent is the agent's real
 * main-process code (bridge handlers, encrypted offline queue, sync service, tRPC and upload clients)
 * with its own folder, so that a `kill -9` of this process and a restart continue from the queues on
 * disk exactly as a PC that lost power would. Only the renderer (camera, face model) is replaced by a
 * script that produces the same calls at an accelerated rate.
 *
 * Every item the queue accepted is appended to the agent's ledger after the queue returned it, so the
 * final check can say, per item, whether the server stored it once, twice or never.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBridgeHandlers } from '../../apps/agent/src/main/bridge-handlers';
import { OfflineQueue } from '../../apps/agent/src/main/offline-queue/offline-queue';
import { trpcAgentAuth, trpcAgentCorrections, trpcAgentQueries, trpcAgentServer, trpcSettingsSource } from '../../apps/agent/src/main/server/trpc-agent-server';
import { createUploadClient } from '../../apps/agent/src/main/server/upload-client';
import { SettingsStore } from '../../apps/agent/src/main/settings/settings-store';
import { SyncService } from '../../apps/agent/src/main/sync/sync-service';
import { aesSecretCipher } from '../../apps/agent/src/main/testing/aes-secret-cipher';
import { TokenStore } from '../../apps/agent/src/main/token-store';
import { makeJpeg } from '../../packages/api/src/evidence/test-helpers';
import { agentWorkerSpec, type LedgerLine, type SoakAgentSpec } from './protocol';

const spec = agentWorkerSpec.parse(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')));
let stopping = false;
process.on('SIGTERM', () => { stopping = true; });

/** A key kept in the agent's folder (safeStorage's role on a real PC), created on first start. */
function folderKey(file: string): Buffer {
  if (!existsSync(file)) writeFileSync(file, randomBytes(32), { mode: 0o600 });
  return readFileSync(file);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms: number) => ms * (0.5 + Math.random());

// A camera still and a screenshot as the renderer would hand them over: real JPEGs of realistic size.
const cameraStill = Buffer.from(makeJpeg(640, 480, { noise: 30 }));
const screenshot = Buffer.from(makeJpeg(1280, 720, { noise: 12 }));

async function runAgent(agent: SoakAgentSpec): Promise<void> {
  mkdirSync(agent.dir, { recursive: true });
  const ledgerFile = path.join(agent.dir, 'ledger.ndjson');
  const ledger = (line: LedgerLine) => appendFileSync(ledgerFile, `${JSON.stringify(line)}\n`);
  const key = folderKey(path.join(agent.dir, 'queue.key'));
  const queue = await OfflineQueue.open({ dir: path.join(agent.dir, 'queue'), keyProvider: { getKey: async () => key } });
  // What the queue accepted is what the agent promised to deliver: record it once the write returned.
  const enqueueEvent = queue.enqueueEvent.bind(queue);
  queue.enqueueEvent = async (input) => {
    const r = await enqueueEvent(input);
    ledger({ kind: 'event', type: input.eventType, clientId: r.clientId });
    return r;
  };
  const enqueueImage = queue.enqueueImage.bind(queue);
  queue.enqueueImage = async (input) => {
    const r = await enqueueImage(input);
    ledger({ kind: 'image', source: input.source, clientId: r.clientId, evicted: r.evicted });
    return r;
  };
  const tokens = new TokenStore(path.join(agent.dir, 'device-token.bin'), aesSecretCipher(folderKey(path.join(agent.dir, 'token.key'))));
  const sync = new SyncService(queue, trpcAgentServer(tokens, createUploadClient(tokens)), { minRetryMs: 1_000, maxRetryMs: 8_000 });
  const handlers = createBridgeHandlers({
    queue, tokens, sync, auth: trpcAgentAuth(),
    captureScreens: async () => [screenshot],
    device: { name: `SOAK-${agent.loginId}`, agentVersion: '0.1.0-soak' },
    settings: new SettingsStore(path.join(agent.dir, 'settings.json')),
    settingsSource: trpcSettingsSource(tokens),
    queries: trpcAgentQueries(tokens),
    corrections: trpcAgentCorrections(tokens),
  });

  // Signed in before (a restart after kill -9): the stored token is used and the queue drains first.
  while (!(await tokens.get())) {
    const r = await handlers.signIn({ serverUrl: agent.serverUrl, systemId: agent.systemId, loginId: agent.loginId, password: agent.password }).catch(() => null);
    if (r?.ok) break;
    if (stopping) return;
    await sleep(jitter(2_000));
  }
  await sync.syncNow().catch(() => undefined);
  // The tenant's settings (capture mode, interval) before the first capture, as the agent does at start.
  await handlers.getSettings(undefined);

  const state = path.join(agent.dir, 'state.json');
  const working = existsSync(state) && (JSON.parse(readFileSync(state, 'utf8')) as { working: boolean }).working;
  const at = () => new Date();
  if (!working) {
    await handlers.punch({ kind: 'WORK_START', taskId: null, occurredAt: at() });
    writeFileSync(state, JSON.stringify({ working: true }));
  }
  const period = 60_000 / spec.actionsPerMinute;
  while (!stopping) {
    await sleep(jitter(period));
    if (stopping) break;
    const roll = Math.random();
    try {
      if (roll < 0.35) await handlers.reportPresence({ state: Math.random() < 0.8 ? 'PRESENT' : 'AWAY', similarity: null, occurredAt: at() });
      else if (roll < 0.5) await handlers.getSettings(undefined);
      else if (roll < 0.65) await handlers.punch({ kind: 'TASK_START', taskId: agent.taskId, occurredAt: at() });
      else if (roll < 0.75) await handlers.reportIncident({ kind: Math.random() < 0.5 ? 'PEEKING' : 'IMPERSONATION', faceCount: 2, similarity: 0.2, occurredAt: at(), cameraJpeg: cameraStill });
      else await handlers.reportCapture({ occurredAt: at(), cameraJpeg: cameraStill });
    } catch (error) {
      // A refusal by the bridge itself (e.g. the mode forbids interval images) is a finding, not a crash.
      console.error(`[agent ${agent.loginId}]`, error instanceof Error ? error.message : error);
    }
  }
  // The end of the working day, then everything still queued goes out (the drain phase of the soak).
  await handlers.punch({ kind: 'WORK_END', taskId: null, occurredAt: at() });
  writeFileSync(state, JSON.stringify({ working: false }));
  const deadline = Date.now() + spec.drainSeconds * 1_000;
  let left = queue.counts();
  while ((left.events > 0 || left.images > 0) && Date.now() < deadline) {
    await sync.syncNow().catch(() => undefined);
    left = queue.counts();
    if (left.events > 0 || left.images > 0) await sleep(1_000);
  }
  sync.stop();
  writeFileSync(path.join(agent.dir, 'drained.json'), JSON.stringify({ events: left.events, images: left.images }));
  await queue.close();
}

await Promise.all(spec.agents.map((a) => runAgent(a).catch((error: unknown) => {
  console.error(`[agent ${a.loginId}] stopped:`, error);
  process.exitCode = 1;
})));
