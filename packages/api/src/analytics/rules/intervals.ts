import { DAY_MS } from '../../calendar/day-number';
import { JST_OFFSET_MS } from '../../calendar/jst';

// Interval helpers on epoch milliseconds. Interval lists are flat arrays [s0, e0, s1, e1, …],
// half-open, sorted and disjoint once `mergeIntervals` has run. Plain numbers keep the inner
// loops free of Date objects and allocation.

/** Sorts and merges raw [start, end) pairs, dropping empty ones. */
export function mergeIntervals(pairs: number[]): number[] {
  const count = pairs.length / 2;
  const order = new Array<number>(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  order.sort((a, b) => (pairs[2 * a] ?? 0) - (pairs[2 * b] ?? 0));
  const merged: number[] = [];
  for (const i of order) {
    const start = pairs[2 * i] ?? 0;
    const end = pairs[2 * i + 1] ?? 0;
    if (!(end > start)) continue;
    const last = merged.length - 1;
    if (last > 0 && start <= (merged[last] ?? 0)) {
      if (end > (merged[last] ?? 0)) merged[last] = end;
    } else {
      merged.push(start, end);
    }
  }
  return merged;
}

/** Index of the first interval in `merged` whose end is after `ms` (binary search). */
function firstEndingAfter(merged: number[], ms: number): number {
  let lo = 0;
  let hi = merged.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((merged[2 * mid + 1] ?? 0) <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Total length of the overlap between [start, end) and the merged list. */
export function overlapMs(merged: number[], start: number, end: number): number {
  let total = 0;
  const pairs = merged.length / 2;
  for (let i = firstEndingAfter(merged, start); i < pairs; i += 1) {
    const s = merged[2 * i] ?? 0;
    if (s >= end) break;
    const e = merged[2 * i + 1] ?? 0;
    const to = e < end ? e : end;
    const from = s > start ? s : start;
    if (to > from) total += to - from;
  }
  return total;
}

/**
 * The first and last instants of the merged list inside [start, end), or null when nothing of it lies
 * there (binary search, for per-day windows over a long list).
 */
export function boundsWithin(merged: number[], start: number, end: number): [number, number] | null {
  const pairs = merged.length / 2;
  const i = firstEndingAfter(merged, start);
  if (i >= pairs || (merged[2 * i] ?? 0) >= end) return null;
  const first = Math.max(merged[2 * i] ?? 0, start);
  // The last interval that starts before `end`.
  let lo = i;
  let hi = pairs;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((merged[2 * mid] ?? 0) < end) lo = mid + 1;
    else hi = mid;
  }
  const last = Math.min(merged[2 * (lo - 1) + 1] ?? 0, end);
  return [first, last];
}

/**
 * Adds [start, end) to per-JST-day totals: `totals[d]` holds day `firstDay + d`. Pieces outside
 * the array are ignored (callers clip to the range first).
 */
export function accumulateByJstDay(totals: Float64Array, firstDay: number, start: number, end: number): void {
  let pieceStart = start;
  let day = Math.floor((start + JST_OFFSET_MS) / DAY_MS);
  while (pieceStart < end) {
    const dayEnd = (day + 1) * DAY_MS - JST_OFFSET_MS;
    const pieceEnd = dayEnd < end ? dayEnd : end;
    const index = day - firstDay;
    if (index >= 0 && index < totals.length) totals[index] = (totals[index] ?? 0) + (pieceEnd - pieceStart);
    pieceStart = pieceEnd;
    day += 1;
  }
}

/** The parts of merged list `a` that also lie in merged list `b` (both sorted and disjoint). */
export function intersectMerged(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const as = a[i] ?? 0;
    const ae = a[i + 1] ?? 0;
    const bs = b[j] ?? 0;
    const be = b[j + 1] ?? 0;
    const from = as > bs ? as : bs;
    const to = ae < be ? ae : be;
    if (to > from) out.push(from, to);
    if (ae < be) i += 2;
    else j += 2;
  }
  return out;
}

/** The parts of merged list `a` that lie outside merged list `b` (both sorted and disjoint). */
export function subtractMerged(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let start = a[i] ?? 0;
    const end = a[i + 1] ?? 0;
    while (j < b.length && (b[j + 1] ?? 0) <= start) j += 2;
    let k = j;
    while (start < end && k < b.length && (b[k] ?? 0) < end) {
      const bs = b[k] ?? 0;
      if (bs > start) out.push(start, bs);
      start = Math.max(start, b[k + 1] ?? 0);
      k += 2;
    }
    if (start < end) out.push(start, end);
  }
  return out;
}
