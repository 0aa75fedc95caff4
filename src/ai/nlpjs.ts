import { createRequire } from 'node:module';

/**
 * Typed access to the NLP.js packages (CommonJS, no type declarations). We use the building
 * blocks @nlpjs/basic is made of (@nlpjs/core, @nlpjs/nlp, @nlpjs/lang-en-min) rather than
 * @nlpjs/basic itself: its logger starts pino with a deprecated option at import time.
 */
const require = createRequire(import.meta.url);

export interface NlpClassification {
  intent: string;
  score: number;
}

export interface NlpInstance {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(
    locale: string,
    utterance: string,
  ): Promise<{ intent: string; score: number; classifications: NlpClassification[] }>;
  export(minified?: boolean): string;
  import(json: string): void;
}

export interface LanguageGuess {
  alpha2: string;
  score: number;
}

interface NlpContainer {
  use(plugin: unknown): void;
}

// The intent classifier's packages (@nlpjs/nlp pulls in nlu, neural, ner, nlg, sentiment…) are
// required on first use: only embedded AI matching needs them, not every process at start-up.
const core = () => require('@nlpjs/core') as { containerBootstrap(): Promise<NlpContainer> };
const nlpPackage = () =>
  require('@nlpjs/nlp') as { Nlp: new (settings: Record<string, unknown>) => NlpInstance };
const langEn = () =>
  require('@nlpjs/lang-en-min') as {
    LangEn: unknown;
    StemmerEn: new () => { stem(w: string): string };
  };
// Language detection runs on every visitor message: loaded with the module.
const languagePackage = require('@nlpjs/language') as {
  Language: new () => { guess(text: string, allowList?: string[], limit?: number): LanguageGuess[] };
};

/** A fresh English NLU pipeline (tokenizer, stemmer, neural intent classifier), without auto-save. */
export async function createNlp(): Promise<NlpInstance> {
  const container = await core().containerBootstrap();
  container.use(langEn().LangEn);
  const { Nlp } = nlpPackage();
  return new Nlp({
    languages: ['en'],
    autoSave: false,
    autoLoad: false,
    forceNER: false,
    nlu: { log: false },
    container,
  });
}

let stemmer: { stem(w: string): string } | undefined;
export function stemEnglish(word: string): string {
  stemmer ??= new (langEn().StemmerEn)();
  return stemmer.stem(word);
}

let guesser: InstanceType<typeof languagePackage.Language> | undefined;
export function guessLanguages(text: string, allowList: string[], limit: number): LanguageGuess[] {
  guesser ??= new languagePackage.Language();
  return guesser.guess(text, allowList, limit);
}
