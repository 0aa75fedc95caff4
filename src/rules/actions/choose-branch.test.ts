import { describe, expect, it } from 'vitest';
import { branchingStatus, branchStatusSchema, chooseBranch } from './choose-branch.ts';

const branches = (...statuses: string[]) => statuses.map((status) => ({ status }));

describe('chooseBranch', () => {
  it('prefers the exact code, then its class, then default', () => {
    const all = branches('default', '4xx', '404', '2xx', '5xx', 'error');
    expect(chooseBranch(all, 404)?.status).toBe('404');
    expect(chooseBranch(all, 410)?.status).toBe('4xx');
    expect(chooseBranch(all, 200)?.status).toBe('2xx');
    expect(chooseBranch(all, 503)?.status).toBe('5xx');
    expect(chooseBranch(all, 302)?.status).toBe('default');
  });

  it('uses "error" only when no HTTP answer came back, then default', () => {
    expect(chooseBranch(branches('5xx', 'error'), null)?.status).toBe('error');
    expect(chooseBranch(branches('5xx', 'error'), 500)?.status).toBe('5xx');
    expect(chooseBranch(branches('4xx', 'default'), null)?.status).toBe('default');
    expect(chooseBranch(branches('error'), 500)).toBeUndefined();
    expect(chooseBranch([], 200)).toBeUndefined();
  });

  it('treats a failed call that carried a 2xx status (bad body) as an error', () => {
    expect(branchingStatus({ ok: false, status: 200 })).toBeNull();
    expect(branchingStatus({ ok: false, status: 404 })).toBe(404);
    expect(branchingStatus({ ok: true, status: 201 })).toBe(201);
    expect(branchingStatus({ ok: false, status: null })).toBeNull();
  });

  it('normalises and validates branch statuses', () => {
    expect(branchStatusSchema.parse(' 2XX ')).toBe('2xx');
    expect(branchStatusSchema.parse('404')).toBe('404');
    for (const bad of ['6xx', '2x', 'ok', '4040', ''])
      expect(branchStatusSchema.safeParse(bad).success, bad).toBe(false);
  });
});
