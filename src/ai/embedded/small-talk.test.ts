import { describe, expect, it } from 'vitest';
import {
  embeddedDefaultAnswer,
  GOODBYE_REPLY,
  HANDOVER_REPLY,
  THANKS_REPLY,
} from './embedded-default-answer.ts';
import { smallTalkOf } from './small-talk.ts';

describe('small talk', () => {
  it.each([
    ['Hi!', 'greeting'],
    ['hello there 👋', 'greeting'],
    ['Good morning team', 'greeting'],
    ['hey, how are you?', 'greeting'],
    ['Guten Tag', 'greeting'],
    ['Bom dia', 'greeting'],
    ['Thanks!', 'thanks'],
    ['thank you so much for your help', 'thanks'],
    ['ok great, thx', 'thanks'],
    ['Merci beaucoup', 'thanks'],
    ['hi, thanks', 'thanks'],
    ['Bye', 'goodbye'],
    ['thanks, have a nice day, bye', 'goodbye'],
    ['Tschüss!', 'goodbye'],
    ['au revoir', 'goodbye'],
    ['good night', 'goodbye'],
    ['many thanks', 'thanks'],
    ['thank u', 'thanks'],
    ['really appreciate it', 'thanks'],
  ])('%j is %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'hi, where is my order?',
    'Hello I need a refund',
    'thanks but my parcel never arrived',
    'ok',
    'how are you',
    'tell me a joke',
    'no thanks',
    '',
    '👋',
    'hi hi hi hi hi hi hi hi hi',
  ])('%j is not small talk', (message) => {
    expect(smallTalkOf(message)).toBeUndefined();
  });
});

describe('embedded default answer to small talk', () => {
  const rules = [{ name: 'Order status', description: 'When the visitor asks about my order status' }];

  it('greets with what it can help with, where it would otherwise say it did not understand', () => {
    expect(embeddedDefaultAnswer(rules, false, 'Hi!')).toEqual({
      text: 'Hello! I can help with: your order status. What would you like to know?',
      handover: false,
    });
    expect(embeddedDefaultAnswer(rules, false, 'Can I pay by invoice?').text).toMatch(
      /^Sorry, I'm not sure I understood\. I can help with: your order status\./,
    );
  });

  it('answers thanks and goodbyes without handing the conversation to a person', () => {
    expect(embeddedDefaultAnswer(rules, true, 'thanks a lot!')).toEqual({
      text: THANKS_REPLY,
      handover: false,
    });
    expect(embeddedDefaultAnswer([], true, 'bye')).toEqual({ text: GOODBYE_REPLY, handover: false });
    expect(embeddedDefaultAnswer([], true, 'Can I pay by invoice?')).toEqual({
      text: HANDOVER_REPLY,
      handover: true,
    });
  });

  it('hands a greeting over when it has no topic to offer and the tenant chose hand-over', () => {
    expect(embeddedDefaultAnswer([], true, 'hello')).toEqual({ text: HANDOVER_REPLY, handover: true });
    expect(embeddedDefaultAnswer(rules, true, 'hello').handover).toBe(false);
  });
});
