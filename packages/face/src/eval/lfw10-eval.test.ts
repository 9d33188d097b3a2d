// The acceptance figures, measured with the product's real analyzer on faces-lfw10 (10 people
// never used for anything but this measurement and the threshold fit on its even half).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FACES_DIR } from '../testing/fixtures';
import { LEVEL_FIGURES_LFW10 } from '../verdict/level-figures';
import { productMatcher } from '../verdict/matcher';
import { describeLabelledFolder } from './cli';
import { enrolmentFigures, type LabelledPerson } from './verification-metrics';

const LFW10 = path.resolve(FACES_DIR, '../faces-lfw10');
let people: LabelledPerson<readonly number[]>[] = [];
let notFound = -1;

beforeAll(async () => {
  ({ people, notFound } = await describeLabelledFolder(LFW10));
}, 180_000);

const level3 = (f: ReturnType<typeof enrolmentFigures>) => f.levels.find((l) => l.level === 3);

describe('face verification on faces-lfw10', () => {
  it('finds a face in every photo', () => {
    expect(people.map((p) => p.descriptors.length)).toEqual(Array.from({ length: 10 }, () => 10));
    expect(notFound).toBe(0);
  });

  it.each([1, 3])('EER ≤ 2 %% and, at the default level, FAR ≤ 1 %% with TAR ≥ 95 %% (%i enrolled)', (n) => {
    const f = enrolmentFigures(people, productMatcher, n);
    expect(f.eer).toBeLessThanOrEqual(0.02);
    expect(level3(f)?.far).toBeLessThanOrEqual(0.01);
    expect(level3(f)?.tar).toBeGreaterThanOrEqual(0.95);
  });

  it.each([1, 3])('holds on the half the thresholds were not fitted on (odd positions, %i enrolled)', (n) => {
    const f = enrolmentFigures(people.filter((_, i) => i % 2 === 1), productMatcher, n);
    expect(level3(f)?.far).toBeLessThanOrEqual(0.01);
    expect(level3(f)?.tar).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    [1, 'oneEnrolled'],
    [3, 'threeEnrolled'],
  ] as const)('gives the level figures the console shows (LEVEL_FIGURES_LFW10, %i enrolled)', (n, key) => {
    const f = enrolmentFigures(people, productMatcher, n);
    const measured = Object.fromEntries(
      f.levels.map((l) => [l.level, { trueAccepts: Math.round(l.tar * f.genuinePairs), falseAccepts: Math.round(l.far * f.impostorPairs) }]),
    );
    expect({ genuine: f.genuinePairs, impostor: f.impostorPairs, levels: measured }).toEqual(LEVEL_FIGURES_LFW10[key]);
  });

  it('three enrolled photos never accept more strangers than one, at any level', () => {
    const one = enrolmentFigures(people, productMatcher, 1);
    const three = enrolmentFigures(people, productMatcher, 3);
    for (const [i, l] of three.levels.entries()) expect(l.far, `level ${l.level}`).toBeLessThanOrEqual(one.levels[i]?.far ?? 0);
  });
});
