import { describe, expect, it } from 'vitest';
import { sameShapeExample } from './example-shape.ts';

const shipping = ['Do you ship to Austria?', 'How long does delivery to Switzerland take?'];

describe('sameShapeExample', () => {
  it('finds a rule example repeated with another value in its value slot', () => {
    expect(sameShapeExample('Do you ship to Poland?', shipping)).toEqual({
      example: 'Do you ship to Austria?',
      exampleValue: 'Austria',
      messageValue: 'Poland',
    });
    expect(sameShapeExample('do you ship to the united states', shipping)?.messageValue).toBe(
      'the united states',
    );
    expect(sameShapeExample('Hi, do you ship to Norway? Thanks', shipping)?.messageValue).toBe('Norway');
    expect(sameShapeExample('How long does delivery to Poland take?', shipping)?.exampleValue).toBe(
      'Switzerland',
    );
    expect(
      sameShapeExample('Is room 310 available next week?', ['Is room 205 available next week?']),
    ).toMatchObject({
      exampleValue: '205',
      messageValue: '310',
    });
    expect(sameShapeExample('are you open on saturday', ['Are you open on Sunday?'])?.messageValue).toBe(
      'saturday',
    );
  });

  it('needs the example’s slot to hold a value, not an ordinary word', () => {
    // "order" is the request itself, not a value: "Where is my pizza?" is another question.
    expect(sameShapeExample('Where is my Pizza?', ['Where is my order?'])).toBeUndefined();
    expect(
      sameShapeExample('What is the price of the red shirt?', ['What is the price of the blue shirt?']),
    ).toBeUndefined();
    // In Title Case every word has a capital: none of them marks a value.
    expect(sameShapeExample('Do You Ship Pizza?', ['Do You Ship Parcels?'])).toBeUndefined();
    expect(sameShapeExample('Where is it?', ['Where is Austria?'])).toBeUndefined();
  });

  it('needs the rest of the sentence to be the example’s, with a topic word in it', () => {
    expect(sameShapeExample('Do you sell gifts to Poland?', shipping)).toBeUndefined();
    expect(sameShapeExample('Do you ship to Poland or Austria?', shipping)).toBeUndefined();
    expect(sameShapeExample('Do you ship to?', shipping)).toBeUndefined();
    expect(sameShapeExample('Do you ship to a country far away from here?', shipping)).toBeUndefined();
    // Only "to" around the value: no request left to recognise.
    expect(sameShapeExample('to Poland', ['to Austria'])).toBeUndefined();
    expect(sameShapeExample('Do you ship to Austria?', shipping)).toBeUndefined();
  });
});
