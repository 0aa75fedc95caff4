/** The AI layer's surface for the rest of the app. */
export { parleyAiHooks, registerParleyAi } from './ai-hooks.ts';
export { detectLanguage } from './language.ts';
export { type OutgoingLanguageFields, outgoingTranslation } from './translation/outgoing-translation.ts';
export {
  TRANSLATION_UNAVAILABLE,
  type TranslationResult,
  translateText,
} from './translation/translate-text.ts';
export { translateVisitorMessage } from './translation/translate-visitor-message.ts';
export { withVisitorTranslation } from './translation/with-visitor-translation.ts';
