import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

const samples: Array<[string, string]> = [
  ['en', 'Where is my order #4521? It was supposed to arrive yesterday.'],
  ['de', 'Wo ist meine Bestellung? Sie sollte gestern ankommen.'],
  ['fr', 'Où est ma commande ? Elle devait arriver hier.'],
  ['es', '¿Dónde está mi pedido? Tenía que llegar ayer.'],
  ['it', "Dov'è il mio ordine? Doveva arrivare ieri."],
  ['pt', 'Onde está o meu pedido? Deveria ter chegado ontem.'],
  ['nl', 'Waar is mijn bestelling? Die zou gisteren aankomen.'],
  ['pl', 'Gdzie jest moje zamówienie? Miało przyjść wczoraj.'],
  ['sv', 'Var är min beställning? Den skulle komma igår.'],
  ['tr', 'Siparişim nerede? Dün gelmesi gerekiyordu.'],
  ['ru', 'Где мой заказ? Он должен был прийти вчера.'],
  ['uk', 'Де моє замовлення? Воно мало прийти вчора.'],
  ['el', 'Πού είναι η παραγγελία μου; Έπρεπε να φτάσει χθες.'],
  ['ja', '注文はどこですか？昨日届くはずでした。'],
  ['zh', '我的订单在哪里？昨天应该到的。'],
  ['ko', '제 주문은 어디에 있나요? 어제 도착했어야 했어요.'],
  ['ar', 'أين طلبي؟ كان من المفترض أن يصل أمس.'],
  ['he', 'איפה ההזמנה שלי? היא הייתה אמורה להגיע אתמול.'],
];

const shortLines: Array<[string, string]> = [
  ['en', 'can you help me'],
  ['fr', 'Où est ma commande ?'],
  ['de', 'Wo ist meine Bestellung?'],
  ['es', '¿Dónde está mi pedido?'],
  ['it', 'Potete aiutarmi?'],
  ['cs', 'Kde je moje objednávka?'],
];

/** Plain English the trigram guesser alone read as Dutch, Swedish, Danish, Czech, Indonesian… */
const shortEnglish = [
  'Is room 205 available next week?',
  'Can I get a refund?',
  'Hello, I am checking your order now.',
  'Thank you so much',
  'I am back',
  'Operator here',
  'Thanks!',
  'ok thanks',
  'yes please',
  'Is it open today?',
  'My package never arrived',
  'What time do you close?',
  'I need help',
  'Good morning',
  'Can you help me?',
  'Do you ship to Canada?',
  'That works for me',
  'See you soon',
  'I have a question',
  'Sounds good',
  'I would like to speak to a person',
  'Not yet',
  'Order 4521 please',
  'Change my address',
  // Read as Hungarian, Portuguese, Spanish or Polish by shared words ("me", "a", "my") and trigrams.
  'tell me a joke',
  'Tell me a joke!',
  'give me a hint',
  'what about tomorrow',
  'make me laugh',
  'email me',
  'track my parcel',
];

const shortOthers: Array<[string, string]> = [
  ['de', 'Guten Tag, ich habe eine Frage zu meiner Bestellung'],
  ['de', 'Danke schön'],
  ['de', 'Kann ich mit Karte zahlen?'],
  // Each word is shared with Dutch or Portuguese ("wie", "das") or was listed by none.
  ['de', 'Wie viel kostet das?'],
  ['de', 'Was kostet das?'],
  ['it', 'Quanto costa?'],
  ['pt', 'Quanto custa?'],
  ['fr', 'Bonjour, merci'],
  ['fr', 'Je voudrais annuler ma commande'],
  ['es', 'Quiero cancelar mi pedido'],
  ['es', 'Hola, buenos días'],
  ['it', 'Grazie mille'],
  ['pt', 'Obrigado pela ajuda'],
  ['nl', 'Ik wil mijn bestelling annuleren'],
  ['sv', 'Tack så mycket'],
  ['pl', 'Czy mogę prosić o zwrot?'],
  ['fi', 'Kiitos paljon'],
  ['tr', 'Siparişim nerede?'],
  ['ro', 'Unde este comanda mea?'],
  ['ru', 'Где мой заказ?'],
  ['bg', 'Къде е моята поръчка?'],
];

describe('detectLanguage (offline)', () => {
  it.each(shortEnglish)('reads short English as English: %s', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it.each(shortOthers)('still recognises short %s lines: %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it("answers null for a short line no language has a word of its own in, so the visitor's stated language is kept", () => {
    expect(detectLanguage('come on')).toBeNull();
    expect(detectLanguage('Hallo')).toBeNull();
    expect(detectLanguage('Hej')).toBeNull();
  });

  it("answers null for Latin text no language claims, so the visitor's stated language is kept", () => {
    expect(detectLanguage('Asdf qwerty')).toBeNull();
    expect(detectLanguage('Zzzz 4521')).toBeNull();
  });

  it('reads mixed scripts by the one most of the text is in', () => {
    expect(detectLanguage('Hello привет everyone, where is my order?')).toBe('en');
    expect(detectLanguage('سفارش من کجاست؟')).toBe('fa');
  });

  it.each(samples)('recognises %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each(shortLines)('recognises short %s chat lines', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('does not read e-mail addresses and URLs as words (a visitor answering with their e-mail keeps their language)', () => {
    expect(detectLanguage('jane@example.com')).toBeNull();
    expect(detectLanguage('https://shop.example.com/orders/4521')).toBeNull();
    expect(detectLanguage('example.com')).toBeNull();
    expect(detectLanguage('My email is jane@example.com')).toBe('en');
    expect(detectLanguage('Meine E-Mail-Adresse ist jane@example.com')).toBe('de');
  });

  it('answers null when there is too little text to tell', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('#4521')).toBeNull();
    expect(detectLanguage('ok')).toBeNull();
    expect(detectLanguage('👍')).toBeNull();
  });
});
