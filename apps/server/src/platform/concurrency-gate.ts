/** A place taken in a ConcurrencyGate; `release()` may be called more than once. */
export interface GateTicket {
  readonly released: boolean;
  release(): void;
}

/**
 * Bounds how many of some expensive job run at once, in total and per key (a user). A caller over either bound
 * is refused at once — never queued — so a flood of requests cannot pile up behind the running ones.
 */
export class ConcurrencyGate {
  private total = 0;
  private readonly byKey = new Map<string, number>();

  constructor(
    readonly maxTotal: number,
    readonly maxPerKey: number,
  ) {}

  /** Takes a place, or answers why not. */
  tryEnter(key: string): GateTicket | 'key_busy' | 'full' {
    const mine = this.byKey.get(key) ?? 0;
    if (mine >= this.maxPerKey) return 'key_busy';
    if (this.total >= this.maxTotal) return 'full';
    this.total += 1;
    this.byKey.set(key, mine + 1);
    let released = false;
    return {
      get released() {
        return released;
      },
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        const left = (this.byKey.get(key) ?? 1) - 1;
        if (left > 0) this.byKey.set(key, left);
        else this.byKey.delete(key);
      },
    };
  }

  get running(): number {
    return this.total;
  }
}
