import { handleIncidentExport } from '@telework/api/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = (req: Request) => handleIncidentExport(req);
