import { AppError } from '../errors/app-error';

/**
 * Refusal for a user still holding an issued password (a new user's, or one after a reset, i.e.
 * mustChangePassword): whoever issued it knows it, so until its holder replaces it, it opens nothing
 * but the change itself. Used by the procedure ladder, the agent's sign-in and the HTTP image routes.
 */
export function passwordChangeRequired(): AppError {
  return new AppError('PASSWORD_CHANGE_REQUIRED', 'Change the issued password before going on.');
}
