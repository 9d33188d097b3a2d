/**
 * Bundles the main process and the preload into dist/ (CommonJS, as Electron loads a sandboxed
 * preload only that way), and the renderer into dist/renderer (scripts/build-renderer.ts). Packaging with
 * electron-builder is a separate step that needs the Electron binary (see README).
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { rm } from 'node:fs/promises';
import { buildRenderer } from './build-renderer';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['electron'], metafile: true, logLevel: 'warning' } satisfies BuildOptions;

async function main() {
  await rm('dist/main', { recursive: true, force: true });
  await rm('dist/preload', { recursive: true, force: true });
  const mainResult = await build({ ...common, entryPoints: ['src/main/index.ts'], outfile: 'dist/main/index.cjs' });
  const preload = await build({ ...common, entryPoints: ['src/preload/index.ts'], outfile: 'dist/preload/index.cjs' });

  // The preload runs in the renderer's sandbox: it must stay a few lines of our own code.
  const preloadInputs = Object.keys(preload.metafile?.inputs ?? {});
  const foreign = preloadInputs.filter((input) => !input.startsWith('src/preload/') && input !== 'src/contract/bridge-channels.ts');
  if (foreign.length > 0) throw new Error(`The preload bundle pulls in more than the bridge: ${foreign.join(', ')}`);

  await buildRenderer();
  console.log(`main: ${size(mainResult.metafile)}; preload: ${size(preload.metafile)} (${preloadInputs.length} inputs); renderer: dist/renderer`);
}

function size(metafile: Metafile | undefined): string {
  if (!metafile) return '?';
  const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return `${(bytes / 1024).toFixed(1)} KB`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
