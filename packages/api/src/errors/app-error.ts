import { TRPCError } from '@trpc/server';

/**
 * The one error type services throw. Its code tells the UI what to say (Japanese/English messages
 * live in the UI catalogues, keyed by code); `toTrpcError` maps it to a transport code in one place.
 */
export const APP_ERROR_CODES = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  CSRF: 'FORBIDDEN',
  CONTRACT_INACTIVE: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION: 'BAD_REQUEST',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  ACCOUNT_LOCKED: 'TOO_MANY_REQUESTS',
  CONFLICT: 'CONFLICT',
  SEAT_LIMIT: 'PRECONDITION_FAILED',
  RULE_VIOLATION: 'PRECONDITION_FAILED',
  /** Signed in with an issued password (new user, or after a reset): only changing it is allowed. */
  PASSWORD_CHANGE_REQUIRED: 'FORBIDDEN',
} as const satisfies Record<string, TRPCError['code']>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export interface AppErrorDetails {
  lockedUntil?: Date;
  /** A finer reason the UI can explain (e.g. which business rule refused the request). */
  reason?: string;
  fieldErrors?: Record<string, string[]>;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: APP_ERROR_CODES[error.code], message: error.message, cause: error });
}
