import { describe, expect, it } from 'vitest';
import type { EndpointFieldInfo } from '../../rules/ai-hooks.ts';
import { isIdentifierField } from './extract-identifier.ts';
import { fieldQuestion } from './field-question.ts';
import { fillSlotsEmbedded } from './fill-slots-embedded.ts';

const orderFields: EndpointFieldInfo[] = [
  { name: 'orderId', type: 'string', required: true, description: 'Order number', pattern: '^[0-9]{3,10}$' },
  { name: 'email', type: 'email', required: true, description: 'Email used for the order' },
];
const hotelFields: EndpointFieldInfo[] = [
  { name: 'roomId', type: 'string', required: true, description: 'Room number', pattern: '^[0-9]{1,4}$' },
  { name: 'checkIn', type: 'date', required: true, description: 'Check-in date' },
];
const now = new Date(2025, 5, 11, 10, 0, 0); // Wednesday 11 June 2025, local time

describe('field questions', () => {
  it('are built from the field description', () => {
    expect(fieldQuestion(orderFields[0])).toBe('What is your order number?');
    expect(fieldQuestion(orderFields[1])).toBe('Could you tell me the email used for the order?');
    expect(fieldQuestion({ name: 'customerId', type: 'string', description: '' })).toBe(
      'What is your customer id?',
    );
    expect(fieldQuestion({ name: 'x', type: 'string', description: 'Which city are you in?' })).toBe(
      'Which city are you in?',
    );
    expect(fieldQuestion({ name: 'size', type: 'enum', description: 'Size', enum: ['S', 'M', 'L'] })).toBe(
      'Which size would you like? Please choose one of: S, M, L.',
    );
    expect(fieldQuestion({ name: 'gift', type: 'boolean', description: 'Gift wrapping' })).toBe(
      'Gift wrapping? Please answer yes or no.',
    );
  });
});

describe('embedded slot filling', () => {
  it('asks for the order number, then the email, then completes (seed 002)', () => {
    const first = fillSlotsEmbedded({
      message: 'Where is my order?',
      fields: orderFields,
      variables: {},
      now,
    });
    expect(first).toEqual({
      status: 'ask',
      field: 'orderId',
      question: 'What is your order number?',
      values: {},
    });

    const second = fillSlotsEmbedded({
      message: 'It is #4521',
      fields: orderFields,
      variables: {},
      askedField: 'orderId',
      now,
    });
    expect(second).toEqual({
      status: 'ask',
      field: 'email',
      question: 'Could you tell me the email used for the order?',
      values: { orderId: '4521' },
    });

    const third = fillSlotsEmbedded({
      message: 'sure, it is John@Example.com.',
      fields: orderFields,
      variables: { orderId: '4521' },
      askedField: 'email',
      now,
    });
    expect(third).toEqual({ status: 'complete', values: { orderId: '4521', email: 'John@Example.com' } });
  });

  it('takes several values from one message', () => {
    const result = fillSlotsEmbedded({
      message: 'Where is my order #4521? my email is jo@shop.io',
      fields: orderFields,
      variables: {},
      now,
    });
    expect(result).toEqual({ status: 'complete', values: { orderId: '4521', email: 'jo@shop.io' } });
  });

  it('asks again, with the reason, when the answer does not fit', () => {
    const badOrder = fillSlotsEmbedded({
      message: '#45',
      fields: orderFields,
      variables: {},
      askedField: 'orderId',
      now,
    });
    expect(badOrder).toMatchObject({
      status: 'ask',
      field: 'orderId',
      question: "That doesn't look like a valid order number. What is your order number?",
    });
    const badEmail = fillSlotsEmbedded({
      message: 'john at example dot com',
      fields: orderFields,
      variables: { orderId: '4521' },
      askedField: 'email',
      now,
    });
    expect(badEmail).toMatchObject({
      status: 'ask',
      field: 'email',
      question:
        "That doesn't look like a valid email address. Could you tell me the email used for the order?",
      values: { orderId: '4521' },
    });
  });

  it('counts valid session variables and lets a new message value replace them', () => {
    expect(
      fillSlotsEmbedded({
        message: 'hi',
        fields: orderFields,
        variables: { orderId: '4521', email: 'a@b.co' },
        now,
      }),
    ).toEqual({
      status: 'complete',
      values: { orderId: '4521', email: 'a@b.co' },
    });
    expect(
      fillSlotsEmbedded({
        message: 'sorry, it is c@d.co',
        fields: orderFields,
        variables: { orderId: '4521', email: 'a@b.co' },
        now,
      }),
    ).toEqual({ status: 'complete', values: { orderId: '4521', email: 'c@d.co' } });
    expect(
      fillSlotsEmbedded({
        message: 'hi',
        fields: orderFields,
        variables: { orderId: 'abc', email: 'a@b.co' },
        now,
      }),
    ).toMatchObject({
      status: 'ask',
      field: 'orderId',
    });
  });

  it('reads room numbers and dates in words (seed 000)', () => {
    expect(
      fillSlotsEmbedded({
        message: 'Is room 205 available next week?',
        fields: hotelFields,
        variables: {},
        now,
      }),
    ).toEqual({
      status: 'complete',
      values: { roomId: '205', checkIn: '2025-06-18' },
    });
    expect(
      fillSlotsEmbedded({ message: 'room 12 for tomorrow', fields: hotelFields, variables: {}, now }),
    ).toEqual({
      status: 'complete',
      values: { roomId: '12', checkIn: '2025-06-12' },
    });
    expect(
      fillSlotsEmbedded({ message: 'room 7 from 31.03.2026', fields: hotelFields, variables: {}, now }),
    ).toMatchObject({
      values: { roomId: '7', checkIn: '2026-03-31' },
    });
    expect(
      fillSlotsEmbedded({
        message: 'Zimmer 3 für morgen',
        fields: hotelFields,
        variables: {},
        language: 'de',
        now,
      }),
    ).toMatchObject({
      values: { roomId: '3', checkIn: '2025-06-12' },
    });
  });

  it('never takes the day of a date for a number field ("and on 3 December?" is no room 3)', () => {
    const earlier = { roomId: '205', checkIn: '2025-06-12' };
    const fields: EndpointFieldInfo[] = [
      ...hotelFields,
      { name: 'guests', type: 'integer', required: false, description: 'Number of guests' },
    ];
    for (const [message, checkIn] of [
      ['and on 3 December?', '2025-12-03'],
      ['and on 3 Dec?', '2025-12-03'],
      ['December 3 then', '2025-12-03'],
      ['what about the 3rd of May', '2026-05-03'],
    ]) {
      expect(fillSlotsEmbedded({ message, fields, variables: earlier, now }), message).toEqual({
        status: 'complete',
        values: { roomId: '205', checkIn },
      });
    }
    // A number of its own beside the date is still taken.
    expect(
      fillSlotsEmbedded({ message: 'room 12 for 2 guests on 4 May', fields, variables: {}, now }),
    ).toEqual({ status: 'complete', values: { roomId: '12', checkIn: '2026-05-04', guests: '2' } });
  });

  it('reads enums, numbers and yes/no answers', () => {
    const fields: EndpointFieldInfo[] = [
      {
        name: 'size',
        type: 'enum',
        required: true,
        description: 'Size',
        enum: ['small', 'large', 'extra large'],
      },
      { name: 'quantity', type: 'integer', required: true, description: 'How many' },
      { name: 'giftWrap', type: 'boolean', required: true, description: 'Gift wrapping' },
    ];
    const first = fillSlotsEmbedded({
      message: 'I want 3 shirts in Extra Large',
      fields,
      variables: {},
      now,
    });
    expect(first).toEqual({
      status: 'ask',
      field: 'giftWrap',
      question: 'Gift wrapping? Please answer yes or no.',
      values: { size: 'extra large', quantity: '3' },
    });
    const second = fillSlotsEmbedded({
      message: 'Yes please',
      fields,
      variables: first.values,
      askedField: 'giftWrap',
      now,
    });
    expect(second).toEqual({
      status: 'complete',
      values: { size: 'extra large', quantity: '3', giftWrap: 'true' },
    });
    const notANumber = fillSlotsEmbedded({
      message: 'a few',
      fields,
      variables: { size: 'small' },
      askedField: 'quantity',
      now,
    });
    expect(notANumber).toMatchObject({
      field: 'quantity',
      question: 'Please enter a whole number, like 42. How many?',
    });
  });

  describe('takes the number the visitor named for the field, never an amount or another noun’s number', () => {
    const guests: EndpointFieldInfo = {
      name: 'guests',
      type: 'integer',
      required: true,
      description: 'Number of guests',
    };
    const patternOrder = orderFields[0];
    const plainOrder: EndpointFieldInfo = {
      name: 'orderId',
      type: 'string',
      required: true,
      description: '',
    };
    const integerOrder: EndpointFieldInfo = {
      name: 'orderId',
      type: 'integer',
      required: true,
      description: '',
    };
    const fill = (field: EndpointFieldInfo, message: string) =>
      fillSlotsEmbedded({ message, fields: [field], variables: {}, now }).values[field.name];

    it.each([
      ['I paid 150 euros for order 4521, where is it?', '4521'],
      ['my phone is 0170123456, where is my order 4521', '4521'],
      ['I paid €150, order #4521', '4521'],
      ['order 4521 cost $150', '4521'],
      ['tel. 0170123456 – order number: 4521', '4521'],
      ['Where is order 4521? I paid 150€', '4521'],
      ['my order confirmation 4521', '4521'],
    ])('"%s" → %s', (message, value) => {
      for (const field of [patternOrder, plainOrder, integerOrder])
        expect(fill(field, message), field.type).toBe(value);
    });

    it.each([
      'I paid 150 euros',
      'my phone number is 0170123456',
      'zip code 10115',
      'room 205 please',
      'USD 1500 was charged',
    ])('"%s" holds no order number', (message) => {
      expect(fill(patternOrder, message)).toBeUndefined();
      expect(fill(plainOrder, message)).toBeUndefined();
    });

    it('reads counts the same way ("room 12 for 2 guests" → 2 guests), and amounts for a field about money', () => {
      expect(fill(guests, 'room 12 for 2 guests')).toBe('2');
      expect(fill(guests, 'I paid 300 euros, we are 4')).toBe('4');
      const amount: EndpointFieldInfo = {
        name: 'amount',
        type: 'number',
        required: true,
        description: 'Amount paid',
      };
      expect(fill(amount, 'order 4521, I paid 150 euros')).toBe('150');
    });
  });

  describe('dates', () => {
    const checkIn = hotelFields[1];
    const fill = (message: string, askedField: string | null = null) =>
      fillSlotsEmbedded({ message, fields: [checkIn], variables: {}, askedField, now });

    it('refuses an ambiguous 04/05/2025 and asks again with the reason, instead of guessing', () => {
      const asked = 'Could you tell me the check-in date?';
      const reason =
        '"04/05/2025" could be 4 May or 5 April. Please write the date as 2025-05-04 or 4 May 2025.';
      expect(fill('04/05/2025', 'checkIn')).toEqual({
        status: 'ask',
        field: 'checkIn',
        question: `${reason} ${asked}`,
        values: {},
      });
      expect(fill('I arrive on 04/05/2025')).toMatchObject({ status: 'ask', question: `${reason} ${asked}` });
      expect(fill('4/5/25')).toMatchObject({
        status: 'ask',
        question: expect.stringContaining('2025-05-04'),
      });
    });

    it.each([
      ['13/05/2025', '2025-05-13'],
      ['05/13/2025', '2025-05-13'],
      ['04/04/2025', '2025-04-04'],
      ['2025-05-04', '2025-05-04'],
      ['4 May', '2026-05-04'],
      ['May 4, 2025', '2025-05-04'],
      ['tomorrow', '2025-06-12'],
      ['next week', '2025-06-18'],
    ])('still reads the unambiguous "%s"', (message, value) => {
      expect(fill(message)).toEqual({ status: 'complete', values: { checkIn: value } });
    });
  });

  it('leaves optional fields alone when absent', () => {
    const fields: EndpointFieldInfo[] = [
      {
        name: 'orderId',
        type: 'string',
        required: true,
        description: 'Order number',
        pattern: '^[0-9]{3,10}$',
      },
      { name: 'note', type: 'string', required: false, description: 'Note' },
    ];
    expect(fillSlotsEmbedded({ message: 'order 98765', fields, variables: {}, now })).toEqual({
      status: 'complete',
      values: { orderId: '98765' },
    });
  });

  describe('a pattern-less reference field ("orderId", "Booking reference")', () => {
    const orderId: EndpointFieldInfo = { name: 'orderId', type: 'string', required: true, description: '' };
    const fill = (message: string, askedField: string | null = null) =>
      fillSlotsEmbedded({ message, fields: [orderId], variables: {}, askedField, now });

    it.each([
      ['Where is my order #4521?', '4521'],
      ['order 4521 please', '4521'],
      ['Where is order A-10023?', 'A-10023'],
      ['Status of order no. 4521', '4521'],
      ['My order number is 4521', '4521'],
      ['order id: 4521, thanks', '4521'],
      ['I bought 2 shirts, reference 88123', '88123'],
      ['has 7741-XB shipped yet?', '7741-XB'],
    ])('takes the reference out of "%s"', (message, value) => {
      expect(fill(message)).toEqual({ status: 'complete', values: { orderId: value } });
    });

    it.each([
      'Where is my order?',
      'I want to check my order status please',
      'I ordered it on 31.03.2025 and paid 3.5',
      'I need 2 more by 10am, my email is jo@shop.io',
      'Where is my order from 2024?',
    ])('never takes plain words, dates, amounts or emails: "%s"', (message) => {
      expect(fill(message)).toEqual({
        status: 'ask',
        field: 'orderId',
        question: 'What is your order id?',
        values: {},
      });
    });

    it('takes the answer to its question, and asks again when the answer holds no reference', () => {
      expect(fill('It is 7788', 'orderId')).toEqual({ status: 'complete', values: { orderId: '7788' } });
      expect(fill('XKCDQZ', 'orderId')).toEqual({ status: 'complete', values: { orderId: 'XKCDQZ' } });
      expect(fill("I don't know", 'orderId')).toEqual({
        status: 'ask',
        field: 'orderId',
        question: "That doesn't look like a valid order id. What is your order id?",
        values: {},
      });
    });

    it('is told by the field name or description; other text fields are left to the question', () => {
      const field = (name: string, description = '') => ({ name, description });
      for (const yes of [
        field('orderId'),
        field('booking_ref'),
        field('ticket', 'Ticket number'),
        field('sku'),
        field('invoiceNumber'),
        field('x', 'Order number'),
        field('roomId'),
      ])
        expect(isIdentifierField(yes), yes.name).toBe(true);
      for (const no of [
        field('city'),
        field('customerName'),
        field('orderNotes'),
        field('phone', 'Phone number'),
      ])
        expect(isIdentifierField(no), no.name).toBe(false);
      const city: EndpointFieldInfo = { name: 'city', type: 'string', required: true, description: 'City' };
      expect(
        fillSlotsEmbedded({ message: 'Where is my order #4521?', fields: [city], variables: {}, now }),
      ).toEqual({ status: 'ask', field: 'city', question: 'What is your city?', values: {} });
    });
  });
});
