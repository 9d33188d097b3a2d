import { describe, expect, it } from 'vitest';
import { ENROLLED, embeddingAt } from '../testing/observations';
import { bestSimilarity, faceDistance, faceSimilarity } from './similarity';

describe('faceSimilarity', () => {
  it('is 1 for identical embeddings and symmetric', () => {
    const a = [0.1, -0.2, 0.3];
    const b = [0.3, 0.1, -0.4];
    expect(faceSimilarity(a, a)).toBe(1);
    expect(faceSimilarity(a, b)).toBe(faceSimilarity(b, a));
  });

  it('is 1 − euclidean distance: diff (0.3, 0.4) is distance 0.5, similarity 0.5', () => {
    expect(faceDistance([0, 0], [0.3, 0.4])).toBeCloseTo(0.5, 12);
    expect(faceSimilarity([0, 0], [0.3, 0.4])).toBeCloseTo(0.5, 12);
    expect(faceSimilarity([1, 1], [1.6, 1.8])).toBeCloseTo(0, 12);
  });

  it('clamps to 0 for far-apart embeddings and refuses embeddings of different lengths', () => {
    expect(faceSimilarity([0], [100])).toBe(0);
    expect(faceSimilarity([1, 2], [1, 2, 3])).toBe(0);
    expect(faceSimilarity([], [])).toBe(0);
  });

  it('reaches the similarity the test helper asks for', () => {
    for (const s of [0.15, 0.29, 0.3, 0.31, 0.5, 0.9]) expect(faceSimilarity(embeddingAt(s), ENROLLED)).toBeCloseTo(s, 12);
  });
});

describe('bestSimilarity', () => {
  it('takes the best match over all enrolled embeddings, 0 with none', () => {
    expect(bestSimilarity(ENROLLED, [embeddingAt(0.2), embeddingAt(0.6), embeddingAt(0.4)])).toBeCloseTo(0.6, 12);
    expect(bestSimilarity(ENROLLED, [])).toBe(0);
  });
});
