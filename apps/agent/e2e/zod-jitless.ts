import { z } from 'zod';

// Imported first: zod decides at schema construction whether to compile a fast path with
// new Function, which the page's CSP (script-src 'self') forbids.
z.config({ jitless: true });
