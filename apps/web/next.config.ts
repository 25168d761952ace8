import type { NextConfig } from 'next';

// The dashboard reaches apps/api through its own origin so session cookies stay first-party.
// startWeb (server/index.ts) proxies /api/* itself at run time, because a production build bakes its
// rewrites in; this rewrite serves `next dev` run on its own.
const apiUrl = (process.env.SENDOPS_API_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  devIndicators: false,
  // `npm run typecheck` (tsc --noEmit) checks types; the build that `sendops start` runs skips it.
  typescript: { ignoreBuildErrors: true },
  async rewrites() {
    return [{ source: '/api/:path*', destination: `${apiUrl}/api/:path*` }];
  },
};

export default config;
