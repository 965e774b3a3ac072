import { headers } from 'next/headers';
import { config } from '../config.ts';

// The join link as learners should open it: on BERTH_PUBLIC_URL when it is set (where people reach Berth),
// else on the address the instructor's browser used for this page (a proxy's X-Forwarded-Host/-Proto when
// one is in front), which the class can usually reach too. `loopback` says the link names localhost, which
// no learner's device can open.
export async function joinLink(code: string): Promise<{ url: string; loopback: boolean }> {
  const path = `/join/${encodeURIComponent(code)}`;
  let url: URL;
  try {
    url = new URL(path, config().BERTH_PUBLIC_URL ?? (await requestOrigin()));
  } catch {
    url = new URL(path, 'http://localhost');
  }
  return { url: url.toString(), loopback: isLoopbackHost(url.hostname) };
}

async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = (h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost').split(',')[0]!.trim();
  const proto = (h.get('x-forwarded-proto') ?? 'http').split(',')[0]!.trim() === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d+){3}$/.test(hostname);
}
