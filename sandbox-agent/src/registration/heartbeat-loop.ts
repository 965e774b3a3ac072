import { type AgentHeartbeat, agentHeartbeatAnswer } from '../../../contract/heartbeat.ts';

// The agent's side of registration: POST a heartbeat to the control plane every intervalMs, retrying
// sooner while it is unreachable (at start the web server may come up after the agent). The first
// accepted heartbeat registers the agent; the agent keeps serving sandboxes whether or not it gets through.
export interface HeartbeatLoop {
  /** Resolves at the first heartbeat the control plane accepted. */
  registered: Promise<void>;
  /** Stops the loop; with a final state, tells the control plane once more (best effort). */
  stop(finalState?: AgentHeartbeat['state']): Promise<void>;
}

const RETRY_MS = 1000;

export function startHeartbeatLoop(opts: {
  controlUrl: string;
  token: string;
  intervalMs: number;
  report: () => AgentHeartbeat;
  log?: (message: string) => void;
}): HeartbeatLoop {
  const log = opts.log ?? ((m: string) => console.log(`[agent] ${m}`));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastOk: boolean | undefined;
  let draining: boolean | undefined;
  let resolveRegistered!: () => void;
  const registered = new Promise<void>((r) => {
    resolveRegistered = r;
  });

  const send = async (body: AgentHeartbeat): Promise<void> => {
    const res = await fetch(`${opts.controlUrl}/api/agents/heartbeat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(Math.max(2000, opts.intervalMs)),
    });
    if (!res.ok) throw new Error(`control plane answered ${res.status}`);
    const answer = agentHeartbeatAnswer.parse(await res.json());
    if (answer.draining !== draining && (draining !== undefined || answer.draining))
      log(answer.draining ? 'draining: no new sandboxes will be placed here' : 'no longer draining');
    draining = answer.draining;
  };

  const beat = async () => {
    let ok = true;
    try {
      await send(opts.report());
    } catch (e) {
      ok = false;
      if (lastOk !== false) log(`heartbeat to ${opts.controlUrl} failed: ${(e as Error).message}; retrying`);
    }
    if (ok && lastOk !== true) {
      log(`registered with the control plane at ${opts.controlUrl}`);
      resolveRegistered();
    }
    lastOk = ok;
    if (!stopped) timer = setTimeout(beat, ok ? opts.intervalMs : Math.min(RETRY_MS, opts.intervalMs));
  };
  void beat();

  return {
    registered,
    async stop(finalState) {
      stopped = true;
      clearTimeout(timer);
      if (finalState) await send({ ...opts.report(), state: finalState }).catch(() => {});
    },
  };
}
