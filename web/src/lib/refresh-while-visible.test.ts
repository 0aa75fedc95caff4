import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshWhileVisible } from './refresh-while-visible.ts';

/** Just enough of `document`: a visibility state and its change event. */
class FakePage extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible';
  listeners = 0;

  override addEventListener(type: string, listener: () => void) {
    this.listeners++;
    super.addEventListener(type, listener);
  }

  override removeEventListener(type: string, listener: () => void) {
    this.listeners--;
    super.removeEventListener(type, listener);
  }

  show(visible: boolean) {
    this.visibilityState = visible ? 'visible' : 'hidden';
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

/** A refresh whose calls can be held open and then answered, one by one. */
function controlledRefresh() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const refresh = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  );
  return { refresh, pending };
}

describe('refreshing while the page is visible', () => {
  let page: FakePage;
  beforeEach(() => {
    vi.useFakeTimers();
    page = new FakePage();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes every interval while visible, and not at start (the first load is the caller’s)', async () => {
    const refresh = vi.fn(async () => {});
    const refresher = refreshWhileVisible(page, refresh, { intervalMs: 30_000 });
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(refresh).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refresh).toHaveBeenCalledTimes(3);
    refresher.stop();
  });

  it('makes no calls while hidden and refreshes once at once when visible again', async () => {
    const refresh = vi.fn(async () => {});
    const refresher = refreshWhileVisible(page, refresh, { intervalMs: 30_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    page.show(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(refresh).not.toHaveBeenCalled();
    refresher.poke(); // a live event for a hidden page waits for the page to be seen
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refresh).not.toHaveBeenCalled();

    page.show(true);
    expect(refresh).toHaveBeenCalledTimes(1);
    // The interval starts again from that refresh.
    await vi.advanceTimersByTimeAsync(29_999);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(2);
    refresher.stop();
  });

  it('starts hidden without a timer, and does not refresh twice when shown repeatedly', async () => {
    page.visibilityState = 'hidden';
    const { refresh, pending } = controlledRefresh();
    const refresher = refreshWhileVisible(page, refresh, { intervalMs: 30_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refresh).not.toHaveBeenCalled();
    page.show(true);
    page.show(true);
    expect(refresh).toHaveBeenCalledTimes(1);
    pending[0].resolve();
    await vi.advanceTimersByTimeAsync(0);
    // The second "visible" came while the first refresh ran: one follow-up, not a pile.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    pending[1].resolve();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(refresh).toHaveBeenCalledTimes(2);
    refresher.stop();
  });

  it('never overlaps a slow refresh', async () => {
    const { refresh, pending } = controlledRefresh();
    const refresher = refreshWhileVisible(page, refresh, { intervalMs: 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    refresher.poke();
    expect(refresh).toHaveBeenCalledTimes(1);
    pending[0].resolve();
    await vi.advanceTimersByTimeAsync(0);
    // The poke made while it ran is answered once it is done.
    expect(refresh).toHaveBeenCalledTimes(2);
    refresher.stop();
  });

  it('refreshes at once on a poke, and a burst of pokes costs one more refresh', async () => {
    const refresh = vi.fn(async () => {});
    const refresher = refreshWhileVisible(page, refresh, { intervalMs: 10_000, minGapMs: 2_000 });
    refresher.poke();
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 5; i++) refresher.poke();
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    // Then the regular interval, counted from the last refresh.
    await vi.advanceTimersByTimeAsync(9_999);
    expect(refresh).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(3);
    refresher.stop();
  });

  it('keeps its schedule after a failed refresh', async () => {
    const { refresh, pending } = controlledRefresh();
    const refresher = refreshWhileVisible(page, refresh, { intervalMs: 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    pending[0].reject(new Error('The server answered HTTP 502.'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    refresher.stop();
  });

  it('stops: no more timers, no more listening', async () => {
    const refresh = vi.fn(async () => {});
    const refresher = refreshWhileVisible(page, refresh, { intervalMs: 5_000 });
    expect(page.listeners).toBe(1);
    refresher.stop();
    expect(page.listeners).toBe(0);
    page.show(true);
    refresher.poke();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('does not schedule again when stopped during a refresh', async () => {
    const { refresh, pending } = controlledRefresh();
    const refresher = refreshWhileVisible(page, refresh, { intervalMs: 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    refresher.stop();
    pending[0].resolve();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
