import { describe, expect, it } from 'vitest';
import { createLeaveGuard } from './unsaved-changes.ts';

describe('leaving with unsaved changes', () => {
  it('leaves at once when no form is dirty', () => {
    const guard = createLeaveGuard();
    let left = 0;
    guard.register(() => false);
    guard.leave(() => left++);
    expect(left).toBe(1);
    expect(guard.isAsking()).toBe(false);
  });

  it('asks first when a form is dirty: confirm leaves, cancel stays', () => {
    const guard = createLeaveGuard();
    let dirty = true;
    guard.register(() => dirty);
    let shown = 0;
    guard.subscribe(() => shown++);
    let left = 0;
    guard.leave(() => left++);
    expect(left).toBe(0);
    expect(guard.isAsking()).toBe(true);
    guard.cancel();
    expect(guard.isAsking()).toBe(false);
    expect(left).toBe(0);

    guard.leave(() => left++);
    guard.confirm();
    expect(left).toBe(1);
    expect(shown).toBe(4); // opened, closed, opened, closed

    // Saved (the form's check turns clean): no question any more.
    dirty = false;
    guard.leave(() => left++);
    expect(left).toBe(2);
  });

  it('forgets a form once it is gone', () => {
    const guard = createLeaveGuard();
    const unregister = guard.register(() => true);
    expect(guard.hasUnsavedChanges()).toBe(true);
    unregister();
    expect(guard.hasUnsavedChanges()).toBe(false);
  });
});
