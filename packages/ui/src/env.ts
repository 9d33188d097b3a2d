/**
 * Whether this code was built by `next dev`. Written as the literal `process.env.NODE_ENV` on purpose:
 * Next replaces it at build time, so a production build answers false whatever environment its
 * server is later started with (no zod default can turn a production server into a "development" one).
 */
export const builtForDevelopment = process.env.NODE_ENV === 'development';
