import { handleTrpcRequest } from '@telework/api/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handler = (req: Request) => handleTrpcRequest(req, { app: 'console' });
export { handler as GET, handler as POST };
