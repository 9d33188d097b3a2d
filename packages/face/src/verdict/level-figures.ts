import type { ThresholdLevel } from './threshold';

/** Accepted comparisons at one level: the worker's own photos, and other people's. */
export interface LevelCounts {
  trueAccepts: number;
  falseAccepts: number;
}

export interface EnrolmentLevelFigures {
  /** Same-person comparisons (the worker against their own enrolment). */
  genuine: number;
  /** Different-person comparisons (a stranger against someone's enrolment). */
  impostor: number;
  levels: Record<ThresholdLevel, LevelCounts>;
}

/**
 * What each threshold level does on faces-lfw10 (`fixtures/faces-lfw10`, 10 people × 10 photos),
 * as `npm run face:eval -- fixtures/faces-lfw10` measures it with the product's analyzer and matcher
 * (2026-12-07, dlib ResNet-34): accepted comparisons out of all, with 1 and with 3 enrolled photos.
 * The one source for the console's settings screen; `src/eval/lfw10-eval.test.ts` measures them
 * again and fails when a model or threshold change makes them stale.
 */
export const LEVEL_FIGURES_LFW10 = {
  oneEnrolled: {
    genuine: 450,
    impostor: 4500,
    levels: {
      1: { trueAccepts: 448, falseAccepts: 140 },
      2: { trueAccepts: 441, falseAccepts: 48 },
      3: { trueAccepts: 436, falseAccepts: 18 },
      4: { trueAccepts: 429, falseAccepts: 3 },
      5: { trueAccepts: 417, falseAccepts: 0 },
    },
  },
  threeEnrolled: {
    genuine: 700,
    impostor: 9000,
    levels: {
      1: { trueAccepts: 699, falseAccepts: 201 },
      2: { trueAccepts: 698, falseAccepts: 67 },
      3: { trueAccepts: 694, falseAccepts: 17 },
      4: { trueAccepts: 690, falseAccepts: 0 },
      5: { trueAccepts: 685, falseAccepts: 0 },
    },
  },
} as const satisfies Record<'oneEnrolled' | 'threeEnrolled', EnrolmentLevelFigures>;

/** A level's measured rates on faces-lfw10 (0..1): `far` strangers accepted, `tar` the worker recognised. */
export function levelRates(level: ThresholdLevel, enrolled: 1 | 3 = 1): { far: number; tar: number } {
  const figures = enrolled === 1 ? LEVEL_FIGURES_LFW10.oneEnrolled : LEVEL_FIGURES_LFW10.threeEnrolled;
  const counts = figures.levels[level];
  return { far: counts.falseAccepts / figures.impostor, tar: counts.trueAccepts / figures.genuine };
}
