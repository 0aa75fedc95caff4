/**
 * Visible strings in the visitor's language. The aria-labels of the page contract (SPEC §5:
 * "Open chat", "Message", "Send") stay fixed so tests and assistive tooling can rely on them.
 */
const en = {
  title: 'Chat with us',
  placeholder: 'Type your message…',
  close: 'Close chat',
  send: 'Send',
  typing: 'Typing…',
  failed: 'Not sent. Click to retry.',
  sending: 'Sending…',
  you: 'You',
  assistant: 'Assistant',
  operator: 'Agent',
  system: 'Notice',
  offline: 'Reconnecting…',
  error: 'Something went wrong. Please try again.',
  welcome: 'Hi! How can we help you today?',
};

export type Strings = typeof en;

const catalog: Record<string, Strings> = {
  en,
  de: {
    title: 'Chatten Sie mit uns',
    placeholder: 'Nachricht eingeben…',
    close: 'Chat schließen',
    send: 'Senden',
    typing: 'Schreibt…',
    failed: 'Nicht gesendet. Zum Wiederholen klicken.',
    sending: 'Wird gesendet…',
    you: 'Sie',
    assistant: 'Assistent',
    operator: 'Mitarbeiter',
    system: 'Hinweis',
    offline: 'Verbindung wird wiederhergestellt…',
    error: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    welcome: 'Hallo! Wie können wir helfen?',
  },
  fr: {
    title: 'Discutez avec nous',
    placeholder: 'Écrivez votre message…',
    close: 'Fermer le chat',
    send: 'Envoyer',
    typing: 'En train d’écrire…',
    failed: 'Non envoyé. Cliquez pour réessayer.',
    sending: 'Envoi…',
    you: 'Vous',
    assistant: 'Assistant',
    operator: 'Conseiller',
    system: 'Info',
    offline: 'Reconnexion…',
    error: 'Une erreur est survenue. Veuillez réessayer.',
    welcome: 'Bonjour ! Comment pouvons-nous vous aider ?',
  },
  es: {
    title: 'Chatea con nosotros',
    placeholder: 'Escribe tu mensaje…',
    close: 'Cerrar chat',
    send: 'Enviar',
    typing: 'Escribiendo…',
    failed: 'No enviado. Haz clic para reintentar.',
    sending: 'Enviando…',
    you: 'Tú',
    assistant: 'Asistente',
    operator: 'Agente',
    system: 'Aviso',
    offline: 'Reconectando…',
    error: 'Algo salió mal. Inténtalo de nuevo.',
    welcome: '¡Hola! ¿En qué podemos ayudarte?',
  },
  pl: {
    title: 'Porozmawiaj z nami',
    placeholder: 'Wpisz wiadomość…',
    close: 'Zamknij czat',
    send: 'Wyślij',
    typing: 'Pisze…',
    failed: 'Nie wysłano. Kliknij, aby ponowić.',
    sending: 'Wysyłanie…',
    you: 'Ty',
    assistant: 'Asystent',
    operator: 'Konsultant',
    system: 'Informacja',
    offline: 'Ponowne łączenie…',
    error: 'Coś poszło nie tak. Spróbuj ponownie.',
    welcome: 'Cześć! W czym możemy pomóc?',
  },
};

/** The first supported language among the candidates ("de-AT" → "de"), English otherwise. */
export function pickLanguage(candidates: ReadonlyArray<string | null | undefined>): string {
  for (const candidate of candidates) {
    const short = candidate?.toLowerCase().split(/[-_]/)[0];
    if (short && short in catalog) return short;
  }
  return 'en';
}

export function stringsFor(language: string): Strings {
  return catalog[language] ?? en;
}
