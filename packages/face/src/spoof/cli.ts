// `npm run spoof -- <folder>...` (root: `npm run face:spoof -- fixtures/faces fixtures/faces-lfw10`):
// measures Human's antispoof (`real`) and liveness (`live`) models on bona fide photos (every
// JPEG/PNG under the folders) and on synthetic re-captures made from each of them (src/spoof/recapture.ts:
// shown on a screen in headless Chromium and degraded as a camera filming it, or "printed"). The
// analyzer is the product's Node analyzer with the two models loaded. Prints a summary, then the
// figures as JSON on the last line: per model, the score distributions of bona fide / screen / print
// captures, and per attack the threshold chosen on the photos at even positions (APCER ≤ 10 %) with
// its APCER/BPCER on the photos at odd positions (held out), and whether that meets the keep rule.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadNodeFaceAnalyzer, type NodeFaceAnalyzer } from '../node/load-human';
import type { FaceObservation, FrameAnalysis } from '../verdict/types';
import { DEFAULT_MIN_LIVE, DEFAULT_MIN_REAL } from '../verdict/frame-verdict';
import { ATTACK_KINDS, CHROMIUM, degradeScreen, makePrint, screenshots, type AttackKind } from './recapture';
import { KEEP_RULE, distribution, ratesAtThreshold, spoofFigures, type ErrorRates, type HalfScores, type ScoreDistribution, type SpoofFigures } from './spoof-metrics';

const IMAGE = /\.(jpe?g|png)$/i;
const MODELS = { antispoof: 'real', liveness: 'live' } as const;
type SpoofModel = keyof typeof MODELS;
type CaptureKind = 'bonaFide' | AttackKind;

/** Every photo under the folders, sorted by path within each folder (the halves follow this order). */
export async function photosUnder(folders: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of folders) {
    const files = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && IMAGE.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    out.push(...files);
  }
  return out;
}

/** The face a capture is about: the largest one (the re-captures show one photo each). */
function subject(frame: FrameAnalysis): FaceObservation | null {
  let best: FaceObservation | null = null;
  for (const f of frame.faces) if (best === null || f.box[2] * f.box[3] > best.box[2] * best.box[3]) best = f;
  return best;
}

export interface Capture {
  /** Position of the source photo in the sorted list: even = fit half, odd = held-out half. */
  source: number;
  kind: CaptureKind;
  file: string;
  /** Scores of the subject face; null when no face was found. */
  real: number | null;
  live: number | null;
}

export interface ModelFigures {
  model: SpoofModel;
  score: 'real' | 'live';
  distributions: Record<CaptureKind, ScoreDistribution>;
  /** The product's threshold before this measurement (minReal 0.3 / minLive 0.5), over all captures. */
  productThreshold: { threshold: number } & ErrorRates;
  attacks: Record<AttackKind | 'both', SpoofFigures>;
}

export interface SpoofMeasurement {
  folders: string[];
  synthetic: true;
  photos: number;
  keepRule: typeof KEEP_RULE;
  facesFound: Record<CaptureKind, { found: number; of: number }>;
  models: ModelFigures[];
}

async function analyse(analyzer: NodeFaceAnalyzer, source: number, kind: CaptureKind, file: string): Promise<Capture> {
  const face = subject(await analyzer.analyzeFile(file));
  return { source, kind, file, real: face?.real ?? null, live: face?.live ?? null };
}

/** Makes the re-captures of every photo in `workDir` and analyses them and the photos. */
export async function captureAndAnalyse(photos: readonly string[], workDir: string): Promise<Capture[]> {
  await mkdir(workDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--force-device-scale-factor=1'] });
  let shots: string[];
  try {
    shots = await screenshots(browser, photos, workDir);
  } finally {
    await browser.close();
  }
  const analyzer = await loadNodeFaceAnalyzer({ spoofModels: true });
  const captures: Capture[] = [];
  try {
    for (const [i, photo] of photos.entries()) {
      const shot = shots[i];
      if (!shot) throw new Error(`no screenshot of ${photo}`);
      captures.push(await analyse(analyzer, i, 'bonaFide', photo));
      captures.push(await analyse(analyzer, i, 'screen', await degradeScreen(shot, i, workDir)));
      captures.push(await analyse(analyzer, i, 'print', await makePrint(photo, i, workDir)));
    }
  } finally {
    analyzer.dispose();
  }
  return captures;
}

const scoresOf = (captures: readonly Capture[], score: 'real' | 'live', kinds: readonly CaptureKind[], half: 0 | 1 | null) =>
  captures
    .filter((c) => kinds.includes(c.kind) && (half === null || c.source % 2 === half))
    .map((c) => c[score])
    .filter((s): s is number => s !== null);

export function measurement(folders: readonly string[], photos: number, captures: readonly Capture[]): SpoofMeasurement {
  const kinds: CaptureKind[] = ['bonaFide', ...ATTACK_KINDS];
  const facesFound = Object.fromEntries(
    kinds.map((k) => {
      const of = captures.filter((c) => c.kind === k);
      return [k, { found: of.filter((c) => c.real !== null || c.live !== null).length, of: of.length }];
    }),
  ) as Record<CaptureKind, { found: number; of: number }>;
  const models = (Object.keys(MODELS) as SpoofModel[]).map((model): ModelFigures => {
    const score = MODELS[model];
    const half = (h: 0 | 1, attacks: readonly AttackKind[]): HalfScores => ({ bonaFide: scoresOf(captures, score, ['bonaFide'], h), attack: scoresOf(captures, score, attacks, h) });
    const figures = (attacks: readonly AttackKind[]) => spoofFigures(half(0, attacks), half(1, attacks));
    const productThreshold = model === 'antispoof' ? DEFAULT_MIN_REAL : DEFAULT_MIN_LIVE;
    return {
      model,
      score,
      distributions: Object.fromEntries(kinds.map((k) => [k, distribution(scoresOf(captures, score, [k], null))])) as Record<CaptureKind, ScoreDistribution>,
      productThreshold: {
        threshold: productThreshold,
        ...ratesAtThreshold(scoresOf(captures, score, ['bonaFide'], null), scoresOf(captures, score, ATTACK_KINDS, null), productThreshold),
      },
      attacks: { screen: figures(['screen']), print: figures(['print']), both: figures(ATTACK_KINDS) },
    };
  });
  return { folders: [...folders], synthetic: true, photos, keepRule: KEEP_RULE, facesFound, models };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function summary(m: SpoofMeasurement): string {
  const lines = [
    `${m.photos} bona fide photos; faces found: ${(Object.entries(m.facesFound) as [string, { found: number; of: number }][]).map(([k, v]) => `${k} ${v.found}/${v.of}`).join(', ')} (synthetic re-captures)`,
  ];
  for (const model of m.models) {
    const d = model.distributions;
    lines.push(
      `${model.model} (${model.score}): median bona fide ${d.bonaFide.median}, screen ${d.screen.median}, print ${d.print.median}; at the product's ${model.productThreshold.threshold}: APCER ${pct(model.productThreshold.apcer)}, BPCER ${pct(model.productThreshold.bpcer)}`,
    );
    for (const [attack, f] of Object.entries(model.attacks)) {
      lines.push(
        `  ${attack.padEnd(6)} EER ${pct(f.eer)}; threshold ${f.fit.threshold.toFixed(4)} (fit half APCER ${pct(f.fit.apcer)}, BPCER ${pct(f.fit.bpcer)}) → held out APCER ${pct(f.heldOut.apcer)}, BPCER ${pct(f.heldOut.bpcer)}: ${f.separates ? 'separates' : 'does not separate'}`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fromAt = args.indexOf('--from');
  const from = fromAt >= 0 ? args.splice(fromAt, 2)[1] : undefined;
  const keepAt = args.indexOf('--keep');
  const keep = keepAt >= 0 ? args.splice(keepAt, 2)[1] : undefined;
  if (args.length === 0) {
    console.error('usage: npm run spoof -- <folder of bona fide photos>... [--keep <folder for the re-captures>]');
    process.exit(2);
  }
  const folders = args.map((a) => path.resolve(from || process.cwd(), a));
  const photos = await photosUnder(folders);
  const workDir = keep ? path.resolve(from || process.cwd(), keep) : await mkdtemp(path.join(os.tmpdir(), 'face-spoof-'));
  try {
    const result = measurement(folders, photos.length, await captureAndAnalyse(photos, workDir));
    console.log(summary(result));
    console.log(JSON.stringify(result));
  } finally {
    if (!keep) await rm(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
