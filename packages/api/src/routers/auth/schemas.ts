import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../people/passwords-policy';

export const userSignInInput = z.strictObject({
  systemId: z.string().trim().min(1).max(32),
  loginId: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const providerSignInInput = z.strictObject({
  kind: z.enum(['operator', 'resellerStaff']),
  email: z.email().max(254),
  password: z.string().min(1).max(256),
});

export const userResetRequestInput = z.strictObject({
  systemId: z.string().trim().min(1).max(32),
  loginId: z.string().trim().min(1).max(64),
});

export const providerResetRequestInput = z.strictObject({
  kind: z.enum(['operator', 'resellerStaff']),
  email: z.email().max(254),
});

export const resetConfirmInput = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(256),
});

export const agentSignInInput = userSignInInput.extend({
  deviceName: z.string().trim().min(1).max(100),
  platform: z.string().trim().max(40).optional(),
  agentVersion: z.string().trim().max(40).optional(),
});

/** The agent's forced change of an issued password: the sign-in fields, the issued password among them, and the new one. */
export const agentIssuedPasswordChangeInput = agentSignInInput.extend({
  newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(256),
});
