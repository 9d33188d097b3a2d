/**
 * Bundles the renderer into dist/renderer/ (served as app://agent/ by the main process): the page,
 * its script, the face models it uses from @vladmandic/human/models, the dlib recognition net's
 * weights from @vladmandic/face-api/model (packages/face/src/descriptor) and the WASM backend's files.
 * Runs as part of `npm run build`, and on its own (`tsx scripts/build-renderer.ts`) before the browser tests.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const agentRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(agentRoot, 'dist/renderer');
// Only the face pipeline's models (see packages/face/src/human-config.ts), and the descriptor's;
// antispoof and liveness are not loaded by the product (they did not separate re-captures, face README).
const MODELS = ['blazeface', 'facemesh'];
const DESCRIPTOR_FILES = ['face_recognition_model-weights_manifest.json', 'face_recognition_model.bin'];
const WASM = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/** The folder of a dependency of @telework/face (their exports maps hide package.json). */
function packageRoot(name: string): string {
  const require = createRequire(join(agentRoot, '../../packages/face/package.json'));
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(name.split('/').join(sep))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package root of ${name} not found`);
    dir = parent;
  }
  return dir;
}

export async function buildRenderer(): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'models'), { recursive: true });
  await mkdir(join(out, 'wasm'), { recursive: true });
  await build({
    entryPoints: [join(agentRoot, 'src/renderer/main.ts')],
    outfile: join(out, 'renderer.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome130',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    // Human's browser bundle mentions Node modules behind runtime checks it never takes in a page.
    external: ['fs', 'path', 'os', 'crypto', 'worker_threads', 'perf_hooks', 'util'],
  });
  for (const file of ['index.html', 'styles.css']) await copyFile(join(agentRoot, 'src/renderer', file), join(out, file));
  const humanModels = join(packageRoot('@vladmandic/human'), 'models');
  for (const model of MODELS) for (const ext of ['.json', '.bin']) await copyFile(join(humanModels, model + ext), join(out, 'models', model + ext));
  const faceApiModels = join(packageRoot('@vladmandic/face-api'), 'model');
  for (const file of DESCRIPTOR_FILES) await copyFile(join(faceApiModels, file), join(out, 'models', file));
  const wasmDist = packageRoot('@tensorflow/tfjs-backend-wasm');
  for (const file of WASM) await copyFile(join(wasmDist, 'dist', file), join(out, 'wasm', file));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildRenderer().then(
    () => console.log(`renderer: ${out}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
