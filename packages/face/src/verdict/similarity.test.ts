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

  it('follows Human: distance = 25 × squared Euclidean, similarity = (1 − √d/100 − 0.2) / 0.6', () => {
    // diff (3, 4): squared sum 25, distance 625, √ = 25 → (0.75 − 0.2) / 0.6 = 0.9166… → 0.92
    expect(faceDistance([0, 0], [3, 4])).toBe(625);
    expect(faceSimilarity([0, 0], [3, 4])).toBe(0.92);
  });

  it('clamps to 0 for far-apart embeddings and refuses embeddings of different lengths', () => {
    expect(faceSimilarity([0], [100])).toBe(0);
    expect(faceSimilarity([1, 2], [1, 2, 3])).toBe(0);
    expect(faceSimilarity([], [])).toBe(0);
  });

  it('reaches the similarity the test helper asks for', () => {
    for (const s of [0.15, 0.29, 0.3, 0.31, 0.5, 0.9]) expect(faceSimilarity(embeddingAt(s), ENROLLED)).toBe(s);
  });
});

describe('bestSimilarity', () => {
  it('takes the best match over all enrolled embeddings, 0 with none', () => {
    expect(bestSimilarity(ENROLLED, [embeddingAt(0.2), embeddingAt(0.6), embeddingAt(0.4)])).toBe(0.6);
    expect(bestSimilarity(ENROLLED, [])).toBe(0);
  });
});
