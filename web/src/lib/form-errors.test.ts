import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { errorAt, fieldPath, toFormErrors } from './form-errors.ts';

describe('form errors from the API envelope', () => {
  it('normalises detail paths to form field paths', () => {
    expect(fieldPath('body.auth.token')).toBe('auth.token');
    expect(fieldPath('body.fields.0.name')).toBe('fields.0.name');
    expect(fieldPath('querystring.limit')).toBe('limit');
    expect(fieldPath('body.items[2].id')).toBe('items.2.id');
    expect(fieldPath('name')).toBe('name');
  });

  it('puts each detail next to its field and keeps unknown ones in the form message', () => {
    const error = new ApiError(400, 'VALIDATION_ERROR', 'Invalid body.baseUrl: bad', [
      { path: 'body.baseUrl', message: 'Use an absolute URL' },
      { path: 'body.auth.token', message: 'Required' },
      { path: 'body.mystery', message: 'Odd' },
    ]);
    const errors = toFormErrors(error, (p) => p === 'baseUrl' || p.startsWith('auth.'));
    expect(errors.fields).toEqual({ baseUrl: 'Use an absolute URL', 'auth.token': 'Required' });
    expect(errors.form).toContain('mystery: Odd');
    expect(errorAt(errors, 'auth')).toBe('Required');
  });

  it('says "correct the highlighted fields" only when every detail found its field', () => {
    const error = new ApiError(400, 'VALIDATION_ERROR', 'Invalid body.name', [
      { path: 'body.name', message: 'Too short' },
    ]);
    expect(toFormErrors(error, (p) => p === 'name').form).toBe('Please correct the highlighted fields.');
    // Without knowing which fields are on screen, the API's sentence is kept too.
    expect(toFormErrors(error).form).toBe('Invalid body.name');
  });

  it('shows plain errors as the form message', () => {
    expect(toFormErrors(new ApiError(401, 'UNAUTHORIZED', 'Wrong email or password.'))).toEqual({
      form: 'Wrong email or password.',
      fields: {},
    });
    expect(toFormErrors(new Error('boom')).form).toBe('boom');
  });
});
