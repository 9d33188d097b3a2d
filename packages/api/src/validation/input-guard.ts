import { AppError } from '../errors/app-error';

// One check over every procedure's raw input, before its zod schema and before any transaction opens:
// PostgreSQL cannot store a NUL character in text (SQLSTATE 22021) and a lone UTF-16 surrogate has no
// UTF-8 form, so either used to surface as a 500 from deep inside a service. Refusing them here covers
// every text field of every router at once, the keys of records included.

/** Longer than any text field accepts (the longest, a face descriptor's JSON, is 64,000 characters). */
export const MAX_TEXT_CHARS = 65_536;
/** Deeper than any input schema goes; a deeper body is refused rather than walked (stack safety). */
export const MAX_INPUT_DEPTH = 32;

export type UnsafeTextProblem = 'NUL' | 'LONE_SURROGATE' | 'TOO_LONG' | 'TOO_DEEP';

export interface UnsafeText {
  path: string;
  problem: UnsafeTextProblem;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(s: string): UnsafeTextProblem | null {
  if (s.length > MAX_TEXT_CHARS) return 'TOO_LONG';
  if (s.includes('\u0000')) return 'NUL';
  if (LONE_SURROGATE.test(s)) return 'LONE_SURROGATE';
  return null;
}

function isPlainContainer(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** The first string (value or key) in `input` that cannot be stored as text, with its path; null when none. */
export function findUnsafeText(input: unknown): UnsafeText | null {
  const walk = (value: unknown, path: string[]): UnsafeText | null => {
    const at = () => path.join('.');
    if (typeof value === 'string') {
      const problem = textProblem(value);
      return problem ? { path: at(), problem } : null;
    }
    if (value === null || typeof value !== 'object') return null;
    if (path.length >= MAX_INPUT_DEPTH) return { path: at(), problem: 'TOO_DEEP' };
    // Multipart forms (image uploads): their text fields; file parts are checked as images elsewhere.
    if (typeof FormData !== 'undefined' && value instanceof FormData) {
      for (const [key, entry] of value.entries()) {
        const found = walk(key, [...path, '(key)']) ?? walk(typeof entry === 'string' ? entry : null, [...path, key]);
        if (found) return found;
      }
      return null;
    }
    // Dates, Maps and other objects the transformer may produce are left to the procedure's schema.
    if (!isPlainContainer(value)) return null;
    for (const [key, entry] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: [...path, '(key)'].join('.'), problem: keyProblem };
      const found = walk(entry, [...path, key]);
      if (found) return found;
    }
    return null;
  };
  return walk(input, []);
}

const MESSAGES: Record<UnsafeTextProblem, string> = {
  NUL: 'The text contains a NUL character.',
  LONE_SURROGATE: 'The text contains an invalid character (a lone surrogate).',
  TOO_LONG: `The text is longer than ${MAX_TEXT_CHARS} characters.`,
  TOO_DEEP: 'The input is nested too deeply.',
};

/** Throws a VALIDATION AppError (BAD_REQUEST) naming the field when the input holds text that cannot be stored. */
export function assertStorableText(input: unknown): void {
  const found = findUnsafeText(input);
  if (!found) return;
  const field = found.path || '(input)';
  throw new AppError('VALIDATION', MESSAGES[found.problem], { reason: `TEXT_${found.problem}`, fieldErrors: { [field]: [MESSAGES[found.problem]] } });
}
