/**
 * Verification figures from labelled descriptors: genuine (same person) and impostor (different
 * people) comparisons, equal-error rate, true accepts at fixed false-accept rates, and the true/false
 * accepts of each threshold level. Pure: the analyzer and the matcher are given by the caller, so the
 * same code measures any model (src/eval/cli.ts runs it on the product's real analyzer).
 */

/** One person's photos in file order; null where no usable face was found. */
export interface LabelledPerson<D> {
  label: string;
  descriptors: (D | null)[];
}

/** How the product compares a probe with an enrolment: higher score = more alike. */
export interface Matcher<D> {
  score(probe: D, enrolled: readonly D[]): number;
  /** Minimum score for "same person" at a level, for an enrolment of `enrolledCount` photos. */
  threshold(level: number, enrolledCount: number): number;
}

export interface Comparisons {
  genuine: number[];
  impostor: number[];
}

/**
 * Every comparison with `enrolCount` photos enrolled. One photo: every unordered pair of photos
 * (the score is symmetric). More photos: for each person, each run of `enrolCount` consecutive
 * photos (wrapping round) is one enrolment; the person's other photos are its genuine probes and
 * every photo of every other person its impostor probes. Photos without a face take no part.
 */
export function compare<D>(people: readonly LabelledPerson<D>[], matcher: Matcher<D>, enrolCount: number): Comparisons {
  const found = people.map((p) => p.descriptors.filter((d): d is D => d !== null));
  const genuine: number[] = [];
  const impostor: number[] = [];
  if (enrolCount === 1) {
    const all = found.flatMap((ds, person) => ds.map((d) => ({ person, d })));
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i];
        const b = all[j];
        if (!a || !b) continue;
        (a.person === b.person ? genuine : impostor).push(matcher.score(b.d, [a.d]));
      }
    }
    return { genuine, impostor };
  }
  found.forEach((ds, person) => {
    if (ds.length <= enrolCount) return;
    for (let start = 0; start < ds.length; start++) {
      const picked = new Set(Array.from({ length: enrolCount }, (_, k) => (start + k) % ds.length));
      const enrolled = [...picked].map((i) => ds[i]).filter((d): d is D => d !== undefined);
      ds.forEach((d, i) => {
        if (!picked.has(i)) genuine.push(matcher.score(d, enrolled));
      });
      found.forEach((other, o) => {
        if (o !== person) for (const d of other) impostor.push(matcher.score(d, enrolled));
      });
    }
  });
  return { genuine, impostor };
}

const rate = (scores: readonly number[], accepted: (s: number) => boolean) =>
  scores.length === 0 ? 0 : scores.filter(accepted).length / scores.length;

/** Share of genuine scores ≥ t (true accepts) and of impostor scores ≥ t (false accepts). */
export function ratesAt(c: Comparisons, threshold: number): { tar: number; far: number } {
  return { tar: rate(c.genuine, (s) => s >= threshold), far: rate(c.impostor, (s) => s >= threshold) };
}

/** Candidate thresholds: every score seen, plus one above them all (nothing accepted). */
function candidates(c: Comparisons): number[] {
  const all = [...new Set([...c.genuine, ...c.impostor])].sort((a, b) => a - b);
  const top = all.at(-1);
  return top === undefined ? [] : [...all, top + 1];
}

/** Equal-error rate: where false rejects (1 − TAR) and false accepts meet, averaged at the crossing. */
export function equalErrorRate(c: Comparisons): number {
  let best = { gap: Number.POSITIVE_INFINITY, eer: 1 };
  for (const t of candidates(c)) {
    const { tar, far } = ratesAt(c, t);
    const frr = 1 - tar;
    const gap = Math.abs(frr - far);
    if (gap < best.gap) best = { gap, eer: (frr + far) / 2 };
  }
  return best.eer;
}

/** Highest true-accept rate at a threshold whose false-accept rate is at most `maxFar`. */
export function tarAtFar(c: Comparisons, maxFar: number): number {
  let best = 0;
  for (const t of candidates(c)) {
    const { tar, far } = ratesAt(c, t);
    if (far <= maxFar) best = Math.max(best, tar);
  }
  return best;
}

/**
 * The lowest threshold whose false-accept rate on these comparisons is at most `maxFar` (what a
 * calibration picks); when no impostor is above every genuine, the score just above the impostor.
 */
export function thresholdForFar(impostor: readonly number[], maxFar: number): number {
  const sorted = [...impostor].sort((a, b) => b - a);
  const allowed = Math.floor(maxFar * sorted.length);
  const firstRefused = sorted[allowed];
  if (firstRefused === undefined) return Number.NEGATIVE_INFINITY;
  // Accept strictly above the first impostor that must be refused.
  return nextUp(firstRefused);
}

/** The smallest double above x, so `score >= nextUp(x)` refuses x itself. */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  const current = bits[0] ?? 0n;
  bits[0] = x > 0 ? current + 1n : current - 1n;
  return buf[0] ?? x;
}

export interface LevelFigures {
  level: number;
  threshold: number;
  tar: number;
  far: number;
}

export interface EnrolmentFigures {
  enrolledPhotos: number;
  genuinePairs: number;
  impostorPairs: number;
  eer: number;
  tarAtFar1: number;
  tarAtFar01: number;
  levels: LevelFigures[];
}

export function enrolmentFigures<D>(
  people: readonly LabelledPerson<D>[],
  matcher: Matcher<D>,
  enrolCount: number,
  levels: readonly number[] = [1, 2, 3, 4, 5],
): EnrolmentFigures {
  const c = compare(people, matcher, enrolCount);
  return {
    enrolledPhotos: enrolCount,
    genuinePairs: c.genuine.length,
    impostorPairs: c.impostor.length,
    eer: equalErrorRate(c),
    tarAtFar1: tarAtFar(c, 0.01),
    tarAtFar01: tarAtFar(c, 0.001),
    levels: levels.map((level) => {
      const threshold = matcher.threshold(level, enrolCount);
      return { level, threshold, ...ratesAt(c, threshold) };
    }),
  };
}
