/**
 * Short-text help for the trigram guesser: its profiles are built from long texts, so a chat line
 * like "Où est ma commande ?" scores Portuguese first. A few very frequent function words and
 * letters that only one language in the allow list uses tip those cases the right way.
 */
export const languageFunctionWords: Record<string, string> = {
  en: 'the is are my me i you your where what when how was have has do does can could would will with for from this that it of and to in on at an please thanks hello hi help need',
  de: 'der die das ist sind mein meine meiner ich du sie wo was wann wie haben habe hat nicht mit für von und zu im ein eine bitte danke hallo nächste woche können',
  fr: 'le la les est sont mon ma mes je tu vous où quoi quand comment avoir ai ne pas avec pour du des et un une bonjour merci semaine prochaine elle il',
  es: 'el la los las es son mi mis yo tú usted dónde donde qué cuándo cómo tengo tiene no con para por del un una hola gracias semana próxima está necesito',
  it: 'il lo gli è sono mio mia io tu lei dove cosa quando come ho ha non con per di del un una ciao grazie settimana prossima potete',
  pt: 'o os as é são meu minha eu você onde quando como tenho tem não com para por do da um uma olá obrigado semana próxima está preciso',
  nl: 'de het een is zijn mijn ik jij u waar wat wanneer hoe heb heeft niet met voor van en te hallo bedankt volgende week',
  ru: 'и в не на я он мой моя где что когда как есть с для это у по вы здравствуйте спасибо неделе',
  uk: 'і в не на я він мій моя моє де що коли як є з для це у ви дякую',
  pl: 'i w nie na jest moje mój moja gdzie co kiedy jak mam ma z dla to się czy dzień dobry dziękuję tygodniu',
  cs: 'a je jsou kde moje můj kde co kdy jak mám má ne s pro to se dobrý den děkuji',
  tr: 've bir bu da de ne nerede nasıl zaman benim var yok ile için mi mı merhaba teşekkürler',
  sv: 'och i är min mitt jag du var vad när hur har inte med för av en ett hej tack nästa vecka',
  da: 'og i er min mit jeg du hvor hvad hvornår hvordan har ikke med for af en et hej tak',
  nb: 'og i er min mitt jeg du hvor hva når hvordan har ikke med for av en et hei takk',
  fi: 'ja on ei minun missä mitä milloin miten kanssa hei kiitos',
  hu: 'a az és van hol mi mikor hogyan nem hogy egy köszönöm',
};

/** Letters that, among the allowed languages, point to one of them. */
export const languageMarkerLetters: Record<string, string> = {
  tr: 'şğı',
  es: 'ñ¿¡',
  pt: 'ãõ',
  pl: 'łąęśżźćń',
  cs: 'řůě',
  hu: 'őű',
  de: 'ß',
  sv: 'å',
  da: 'øæ',
  uk: 'іїє',
  ru: 'ыэ',
  fr: 'œ',
};

/** ISO 639-1 codes the detector may answer (widely used chat languages); others map to the closest. */
export const detectableLanguages = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'ru',
  'uk',
  'pl',
  'cs',
  'sv',
  'da',
  'nb',
  'fi',
  'tr',
  'el',
  'hu',
  'ro',
  'bg',
  'ar',
  'he',
  'fa',
  'hi',
  'zh',
  'ja',
  'ko',
  'th',
  'vi',
  'id',
];
