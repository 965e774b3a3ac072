// Every object Berth creates on an engine carries these labels, so a restarted agent finds (and reaps) its own.
export const LABEL = {
  managed: 'berth.managed',
  sandbox: 'berth.sandbox',
  node: 'berth.node',
  owner: 'berth.owner',
  agent: 'berth.agent',
  expiresAt: 'berth.expires-at',
} as const;

export function sandboxLabels(input: {
  sandboxId: string;
  owner: string;
  agentId: string;
  expiresAt: Date;
}): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.sandbox]: input.sandboxId,
    [LABEL.owner]: input.owner,
    [LABEL.agent]: input.agentId,
    [LABEL.expiresAt]: input.expiresAt.toISOString(),
  };
}

export function labelFilter(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`);
}
