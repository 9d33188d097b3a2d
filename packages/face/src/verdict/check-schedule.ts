import type { FrameVerdict } from './frame-verdict';
import type { CheckDepth, FaceBox, FrameAnalysis } from './types';

/** Checks from one full check to the next while the worker stays steadily present. */
export const DEFAULT_FULL_CHECK_EVERY = 3;

/**
 * How far one face may have moved since the last full check and still count as the same sitting:
 * its centre by at most this share of the earlier box's width…
 */
const MAX_CENTRE_SHIFT = 0.35;
/** …and its width by at most this factor either way (the detector alone jitters by about 7 %). */
const MAX_SIZE_CHANGE = 1.33;

function centre(box: FaceBox): [number, number] {
  return [box[0] + box[2] / 2, box[1] + box[3] / 2];
}

/** Whether `now` is the face of `before` a check later: about the same place and size. */
export function sameSitting(before: FaceBox, now: FaceBox): boolean {
  const [bx, by] = centre(before);
  const [nx, ny] = centre(now);
  const shift = Math.hypot(nx - bx, ny - by);
  const size = now[2] / before[2];
  return before[2] > 0 && shift <= MAX_CENTRE_SHIFT * before[2] && size <= MAX_SIZE_CHANGE && size >= 1 / MAX_SIZE_CHANGE;
}

/**
 * Which checks recognise the face. The descriptor (the embedding) is about half of a one-face
 * frame's CPU (the spoof models, when a caller loads them, more), yet while the worker sits still
 * it only confirms what the previous check found. So:
 * - a check is `full` unless the previous verdict was a plain `present`; arrivals, strangers,
 *   spoofs, crowds and empty scenes are always recognised (an empty frame costs only the detector);
 * - while the worker stays present, every `fullEvery`-th check is full and the others `light`;
 * - a light frame stands only when it shows exactly one face where the last full check saw the
 *   worker (`sameSitting`), or no face at all; anything else (a second face, a face elsewhere or of
 *   another size) is analysed again in full before it is judged.
 * What this gives up: someone who takes the worker's place in the same spot between two checks, or
 * a photo held up there, is noticed at the next full check, at most `fullEvery - 1` checks later;
 * from then on every check is full, so the K checks in a row of an impersonation still build up.
 */
export class CheckSchedule {
  private sinceFull = Number.POSITIVE_INFINITY;
  private lastPresent: { box: FaceBox; bestSimilarity: number } | null = null;

  constructor(private readonly fullEvery = DEFAULT_FULL_CHECK_EVERY) {
    if (!Number.isInteger(fullEvery) || fullEvery < 1) throw new RangeError('fullEvery must be a positive integer');
  }

  /** The depth of the next check. */
  next(): CheckDepth {
    return this.lastPresent !== null && this.sinceFull + 1 < this.fullEvery ? 'light' : 'full';
  }

  /**
   * The verdict a light frame stands for, or null when it must be analysed in full first.
   * Nobody in the frame needs no recognition; the worker still sitting where they were keeps the
   * similarity the last full check measured.
   */
  lightVerdict(frame: FrameAnalysis): FrameVerdict | null {
    const faces = frame.faces;
    if (faces.length === 0) return { kind: 'no-face', faceCount: 0 };
    const [only] = faces;
    if (faces.length > 1 || only === undefined || this.lastPresent === null) return null;
    if (!sameSitting(this.lastPresent.box, only.box)) return null;
    return { kind: 'present', faceCount: 1, bestSimilarity: this.lastPresent.bestSimilarity };
  }

  /**
   * Runs one check: analyses at the scheduled depth, again in full when a light frame does not
   * stand, judges the full frame with `judge` and records the outcome. `cancelled` is asked after
   * each analysis (work may end meanwhile): then nothing more is analysed, judged or recorded and
   * the result is null. `depths` lists the analyses run: `['full']`, `['light']` or `['light', 'full']`.
   */
  async check(
    analyze: (depth: CheckDepth) => Promise<FrameAnalysis>,
    judge: (frame: FrameAnalysis) => FrameVerdict,
    cancelled: () => boolean = () => false,
  ): Promise<{ verdict: FrameVerdict; depths: CheckDepth[] } | null> {
    const depths: CheckDepth[] = [this.next()];
    let frame = await analyze(depths[0] ?? 'full');
    if (cancelled()) return null;
    let verdict = depths[0] === 'light' ? this.lightVerdict(frame) : null;
    if (verdict === null) {
      if (depths[0] === 'light') {
        depths.push('full');
        frame = await analyze('full');
        if (cancelled()) return null;
      }
      verdict = judge(frame);
    }
    this.record(verdict, frame, depths.at(-1) ?? 'full');
    return { verdict, depths };
  }

  /** Records a check's verdict, the frame it was judged on and that frame's depth. */
  record(verdict: FrameVerdict, frame: FrameAnalysis, depth: CheckDepth): void {
    this.sinceFull = depth === 'full' ? 0 : this.sinceFull + 1;
    const [only] = frame.faces;
    if (verdict.kind !== 'present' || only === undefined) this.lastPresent = null;
    // A light frame keeps the full check's box: drift is measured from what was recognised.
    else if (depth === 'full') this.lastPresent = { box: only.box, bestSimilarity: verdict.bestSimilarity };
  }
}
