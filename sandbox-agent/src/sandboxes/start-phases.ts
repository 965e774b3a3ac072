// Where a sandbox's cold start spends its time, phase by phase: logged once per start so a slow host
// shows which step is slow (disk, network, node, engine), and read by the bench (bench/cold-phases.ts).
export class StartPhases {
  private readonly t0 = performance.now();
  private last = this.t0;
  readonly phases: Record<string, number> = {};

  mark(phase: string): void {
    const now = performance.now();
    this.phases[phase] = Math.round((this.phases[phase] ?? 0) + now - this.last);
    this.last = now;
  }

  get totalMs(): number {
    return Math.round(performance.now() - this.t0);
  }

  toString(): string {
    return Object.entries(this.phases)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  }
}
