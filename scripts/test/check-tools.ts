// First step of `npm test`: the browser tests drive Debian's Chromium and feed it fake webcams made
// with ffmpeg; the invoice tests read their PDFs back with poppler-utils (pdftotext, pdftoppm). When one
// is missing, say so at once with the command that installs them (or run it
// when we are root, as in CI) instead of failing deep inside a browser test minutes later.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium ffmpeg fonts-noto-cjk poppler-utils';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function missingTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(chromiumPath)) missing.push(`chromium (${chromiumPath})`);
  if (!onPath('ffmpeg')) missing.push('ffmpeg');
  if (!onPath('pdftoppm') || !onPath('pdftotext')) missing.push('poppler-utils');
  return missing;
}

const missing = missingTools();
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log(`The tests need ${missing.join(' and ')}: installing them (${INSTALL})`);
    execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium ffmpeg fonts-noto-cjk poppler-utils`], { stdio: 'inherit' });
  }
  const still = missingTools();
  if (still.length > 0) {
    console.error(`The tests need ${still.join(' and ')}, which this machine lacks. Install them, then run npm test again:\n\n  sudo ${INSTALL}\n`);
    process.exit(1);
  }
}
