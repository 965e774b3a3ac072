// One instance per process, even though Next bundles route handlers separately from the custom
// server: both copies of this module find the same object on globalThis.
export function processSingleton<T>(key: string, create: () => T): T {
  const g = globalThis as unknown as Record<string, T | undefined>;
  const k = `__berth_${key}`;
  g[k] ??= create();
  return g[k];
}
