import { describe, expect, it } from 'vitest';
import { TimeSlicer } from './time-slice';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* computing */
  }
}

describe('TimeSlicer', () => {
  it('lets waiting callbacks run once its slice is used up, and not before', async () => {
    const slicer = new TimeSlicer(250);
    let others = 0;
    setImmediate(() => (others += 1));
    await slicer.pause();
    expect(slicer.due).toBe(false);
    expect(others).toBe(0); // within the slice: no turn given
    busy(260);
    expect(slicer.due).toBe(true);
    await slicer.pause();
    expect(others).toBe(1); // past it: the waiting callback ran
    expect(slicer.due).toBe(false); // and a new slice began
  });
});
