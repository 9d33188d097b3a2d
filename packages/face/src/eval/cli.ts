// `npm run face:eval -- <folder>`: measures the product's face verification on a folder with one
// sub-folder of photos per person. Runs the real Node analyzer (detector, mesh, embedding) and the
// verdict's own matcher and levels; prints a human-readable summary, then the figures as JSON on
// the last line.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadNodeFaceAnalyzer } from '../node/load-human';
import { productMatcher } from '../verdict/matcher';
import type { FrameAnalysis } from '../verdict/types';
import { enrolmentFigures, type EnrolmentFigures, type LabelledPerson } from './verification-metrics';

const IMAGE = /\.(jpe?g|png)$/i;

/** Analyses every photo of a labelled folder (sub-folders sorted by name, photos by file name). */
export async function describeLabelledFolder(root: string): Promise<{ people: LabelledPerson<readonly number[]>[]; photos: number; notFound: number }> {
  const entries = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const analyzer = await loadNodeFaceAnalyzer();
  const people: LabelledPerson<readonly number[]>[] = [];
  let photos = 0;
  let notFound = 0;
  try {
    for (const label of entries) {
      const files = (await readdir(path.join(root, label))).filter((f) => IMAGE.test(f)).sort();
      const descriptors: (readonly number[] | null)[] = [];
      for (const file of files) {
        const embedding = subjectEmbedding(await analyzer.analyzeFile(path.join(root, label, file)));
        photos++;
        if (embedding === null) notFound++;
        descriptors.push(embedding);
      }
      if (files.length > 0) people.push({ label, descriptors });
    }
  } finally {
    analyzer.dispose();
  }
  return { people, photos, notFound };
}

/** The face a labelled photo is about: the largest one with an embedding (press photos show others too). */
export function subjectEmbedding(frame: FrameAnalysis): readonly number[] | null {
  let best: { area: number; embedding: readonly number[] } | null = null;
  for (const f of frame.faces) {
    if (f.embedding === null) continue;
    const area = f.box[2] * f.box[3];
    if (best === null || area > best.area) best = { area, embedding: f.embedding };
  }
  return best?.embedding ?? null;
}

function figures(people: LabelledPerson<readonly number[]>[]): { oneEnrolled: EnrolmentFigures; threeEnrolled: EnrolmentFigures } {
  return { oneEnrolled: enrolmentFigures(people, productMatcher, 1), threeEnrolled: enrolmentFigures(people, productMatcher, 3) };
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

function summary(name: string, f: EnrolmentFigures): string {
  const levels = f.levels.map((l) => `  level ${l.level} (≥ ${l.threshold.toFixed(4)}): TAR ${pct(l.tar)}, FAR ${pct(l.far)}`);
  return [
    `${name}, ${f.enrolledPhotos} photo(s) enrolled: ${f.genuinePairs} genuine / ${f.impostorPairs} impostor comparisons`,
    `  EER ${pct(f.eer)}, TAR at FAR 1 % ${pct(f.tarAtFar1)}, at 0.1 % ${pct(f.tarAtFar01)}`,
    ...levels,
  ].join('\n');
}

async function main(): Promise<void> {
  // npm runs workspace scripts in the package folder; the root script passes where the user typed
  // the command (`--from "$INIT_CWD"`), which the folder is relative to.
  const args = process.argv.slice(2);
  const fromAt = args.indexOf('--from');
  const from = fromAt >= 0 ? args.splice(fromAt, 2)[1] : undefined;
  const arg = args[0];
  if (!arg) {
    console.error('usage: npm run face:eval -- <folder with one sub-folder of photos per person>');
    process.exit(2);
  }
  const root = path.resolve(from || process.cwd(), arg);
  const { people, photos, notFound } = await describeLabelledFolder(root);
  // The levels were chosen on the people at even positions of faces-lfw10 (sorted by name); the
  // odd half shows how they hold on people the calibration never saw.
  const all = figures(people);
  const result = {
    folder: root,
    model: productMatcher.modelVersion,
    people: people.length,
    photos,
    facesNotFound: notFound,
    ...all,
    halves: {
      even: figures(people.filter((_, i) => i % 2 === 0)),
      odd: figures(people.filter((_, i) => i % 2 === 1)),
    },
  };
  console.log(`${people.length} people, ${photos} photos, ${notFound} without a face (model ${productMatcher.modelVersion})`);
  console.log(summary('all people', all.oneEnrolled));
  console.log(summary('all people', all.threeEnrolled));
  console.log(summary('odd half', result.halves.odd.oneEnrolled));
  console.log(summary('odd half', result.halves.odd.threeEnrolled));
  console.log(JSON.stringify(result));
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
