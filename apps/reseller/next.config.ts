import { nextConfig } from '@telework/ui/next-config';

export default nextConfig;
