// Next.js serves pages and thin route handlers; the custom server (server/main.ts) hosts it.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only modules stay out of the bundle.
  serverExternalPackages: ['dockerode', 'better-sqlite3', 'bullmq', 'ioredis', 'ws', 'pg', '@prisma/client'],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
