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
    expect(errors.form).toBe('Please correct the highlighted fields. Mystery: Odd.');
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

  it('rewrites zod defaults as sentences, next to the field and in the form message', () => {
    const error = new ApiError(
      400,
      'VALIDATION_ERROR',
      'Invalid body.name: Too small: expected string to have >=1 characters',
      [
        { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'body.email', message: 'Invalid email address' },
      ],
    );
    const placed = toFormErrors(error, (p) => p === 'name' || p === 'email');
    expect(placed.fields).toEqual({
      name: 'Name is required.',
      email: 'Enter a valid email address, e.g. jane@example.com.',
    });
    expect(placed.form).toBe('Please correct the highlighted fields.');
    // Not placed: the route's echo of its first detail becomes that detail in words.
    expect(toFormErrors(error).form).toBe('Name is required.');
    expect(toFormErrors(error, () => false).form).toBe(
      'Name is required. Email: Enter a valid email address, e.g. jane@example.com.',
    );
  });

  it('says where a nested detail points', () => {
    const error = new ApiError(400, 'VALIDATION_ERROR', 'Invalid rule', [
      {
        path: 'body.rule.conditions.0.pattern',
        message: 'Too small: expected string to have >=1 characters',
      },
      { path: 'body.rule.actions.0.branches.1.status', message: 'Invalid option: expected one of "a"|"b"' },
    ]);
    expect(toFormErrors(error, () => false).form).toBe(
      'Invalid rule. Rule › Condition 1 › Pattern: Pattern is required. ' +
        'Rule › Action 1 › Branch 2 › Status: Choose one of: a, b.',
    );
  });

  it('shows plain errors as the form message', () => {
    expect(toFormErrors(new ApiError(401, 'UNAUTHORIZED', 'Wrong email or password.'))).toEqual({
      form: 'Wrong email or password.',
      fields: {},
    });
    expect(toFormErrors(new Error('boom')).form).toBe('boom');
  });

  it('names a field as the form labels it', () => {
    const error = new ApiError(400, 'VALIDATION_ERROR', 'Invalid body', [
      {
        path: 'body.validations.0.compareWith',
        message: 'Too small: expected string to have >=1 characters',
      },
    ]);
    const errors = toFormErrors(error, () => true, { compareWith: 'Response path' });
    expect(errors.fields['validations.0.compareWith']).toBe('Response path is required.');
  });

  it('describes the auth to use instead of showing its JSON', () => {
    const message =
      'Put the credential "api_key" in auth, not in baseUrl (it would be stored and shown in clear): ' +
      '{"type": "api_key", "key": "…", "in": "query", "queryParam": "api_key"}';
    const error = new ApiError(400, 'VALIDATION_ERROR', `Invalid body.baseUrl: ${message}`, [
      { path: 'body.baseUrl', message },
    ]);
    const text = toFormErrors(error, (p) => p === 'baseUrl').fields.baseUrl;
    expect(text).toBe(
      'Put the credential "api_key" under Authentication, not in the base URL (it would be stored and shown in ' +
        'clear): Auth type "API key", sent in a query parameter named "api_key".',
    );
    expect(text).not.toContain('{');
  });
});
