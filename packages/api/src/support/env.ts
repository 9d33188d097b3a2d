import { z } from 'zod';

// The provider's support mailbox: new inquiries and administrators' replies are sent there.
const schema = z.object({ SUPPORT_EMAIL: z.email().default('support@telework.example') });

export const supportEnv = schema.parse(process.env);
