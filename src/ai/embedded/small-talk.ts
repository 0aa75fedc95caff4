/**
 * Greetings, thanks and goodbyes: messages that ask nothing. The embedded provider answers them
 * politely instead of "Sorry, I'm not sure I understood" — a visitor who says "thanks!" after an
 * answer should not be told the bot did not get it.
 */
export type SmallTalk = 'greeting' | 'thanks' | 'goodbye';

// Lower-case, without accents ("tschüss" → "tschuss"), one word each: the message is split the same way.
const KINDS: Record<SmallTalk, string> = {
  greeting:
    'hi hii hiii hello helo hey heya hiya howdy yo greetings morning afternoon evening hallo bonjour ' +
    'bonsoir salut hola ciao ola moin servus gruezi hej hoi buongiorno buenas buenos guten goedemorgen ' +
    'goedemiddag goedenavond bom boa',
  thanks:
    'thanks thank thx thnx ty tysm thankyou cheers danke dankeschon merci gracias grazie obrigado ' +
    'obrigada bedankt tack appreciated appreciate',
  goodbye: 'bye byebye goodbye cya farewell tschuss adios adieu revoir night nacht nuit',
};

/**
 * Words that may surround the ones above without making the message a question: "thank you so
 * much", "good morning team", "hi there, how are you", "ok great, thanks for your help",
 * "have a nice day, bye".
 */
const FILLER = new Set(
  (
    'a abend again ah all alright and are au awesome beaucoup cool day de dear dia dias e ' +
    'et everybody everyone everything excellent fine folks for friend good great guys have help ' +
    'helpful how it k kind later lot madam many mille morgen much muchas muito nice noches noite oh ok ' +
    'okay perfect really see sehr sir so soon super tag tarde tardes team that the then there und ' +
    'u very viel vielen well wonderful y you your gute bonne'
  ).split(' '),
);

const KIND_OF = new Map<string, SmallTalk>(
  Object.entries(KINDS).flatMap(([kind, words]) => words.split(' ').map((word) => [word, kind as SmallTalk])),
);

/** Longer messages carry a question or a request, even when they open with "hi" or end with "thanks". */
const MAX_WORDS = 8;

/**
 * The kind of small talk `message` is, or undefined when it says anything else. Every word must be
 * a greeting, thanks, goodbye or filler word; thanks wins over a greeting ("hi, thanks!"), and a
 * goodbye over both ("thanks, bye").
 */
export function smallTalkOf(message: string): SmallTalk | undefined {
  const words = message
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/\p{L}+/gu);
  if (!words || words.length > MAX_WORDS) return undefined;
  const kinds = new Set<SmallTalk>();
  for (const word of words) {
    const kind = KIND_OF.get(word);
    if (kind) kinds.add(kind);
    else if (!FILLER.has(word)) return undefined;
  }
  if (kinds.has('goodbye')) return 'goodbye';
  if (kinds.has('thanks')) return 'thanks';
  return kinds.has('greeting') ? 'greeting' : undefined;
}
