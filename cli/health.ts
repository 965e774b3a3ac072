import net from 'node:net';

export async function waitForHttp(
  url: string,
  opts: { timeoutMs: number; headers?: Record<string, string> },
): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { headers: opts.headers, signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

export function portInUse(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, host, () => srv.close(() => resolve(false)));
  });
}

// After start: the agent counts once the web server lists it as live (it registered by heartbeat).
export async function waitForRegisteredAgent(
  healthUrl: string,
  agentId: string,
  opts: { timeoutMs: number },
): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
      const body = (await res.json()) as { agents?: { id?: unknown; status?: unknown }[] };
      if (body.agents?.some((a) => a.id === agentId && a.status === 'ok')) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
