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

describe('detectLanguage (offline)', () => {
  it.each(samples)('recognises %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each(shortLines)('recognises short %s chat lines', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('answers null when there is too little text to tell', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('#4521')).toBeNull();
    expect(detectLanguage('ok')).toBeNull();
    expect(detectLanguage('👍')).toBeNull();
  });
});
