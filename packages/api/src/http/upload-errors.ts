import { AppError } from '../errors/app-error';

const STATUS: Record<AppError['code'], number> = {
  UNAUTHENTICATED: 401, INVALID_CREDENTIALS: 401, FORBIDDEN: 403, CSRF: 403, CONTRACT_INACTIVE: 403, NOT_FOUND: 404,
  VALIDATION: 400, ACCOUNT_LOCKED: 429, CONFLICT: 409, SEAT_LIMIT: 412, RULE_VIOLATION: 412, PASSWORD_CHANGE_REQUIRED: 403,
};

/** The figures a refusal carries for the UI's message (e.g. how many faces a photo shows). */
function figures(details: AppError['details']): Record<string, number> {
  return Object.fromEntries(Object.entries(details).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

/** The typed JSON error of the upload and image routes: { error: code, reason?, message, fieldErrors?, …figures }. */
export function errorResponse(error: AppError): Response {
  const status = error.details.reason === 'TOO_LARGE' ? 413 : STATUS[error.code];
  return Response.json(
    { ...figures(error.details), error: error.code, reason: error.details.reason, message: error.message, fieldErrors: error.details.fieldErrors },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );
}
