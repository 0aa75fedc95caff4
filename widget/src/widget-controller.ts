import { ApiError, createApiClient } from './api-client.ts';
import { createChatSession } from './chat-session.ts';
import { pickLanguage, stringsFor } from './i18n.ts';
import { createMessageList } from './message-list.ts';
import type { ScriptOptions } from './script-options.ts';
import { createSessionStore } from './session-store.ts';
import type { VisitorIdentity, WidgetConfig } from './types.ts';
import { createWidgetView } from './widget-view.ts';

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Black or white text, whichever reads better on the widget's colour (WCAG relative luminance). */
function textColorOn(hex: string): string {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, '$&$&') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#111' : '#fff';
}

/** Builds the widget for one page: view, transcript, conversation; returns the `window.Parley` API. */
export function mountWidget(options: ScriptOptions, config: WidgetConfig) {
  const visitorLanguage = options.language ?? navigator.language ?? config.language ?? 'en';
  const uiLanguage = pickLanguage([options.language, ...(navigator.languages ?? []), config.language]);
  const t = stringsFor(uiLanguage);

  const host = document.createElement('parley-widget');
  host.setAttribute('data-position', config.position === 'bottom-left' ? 'bottom-left' : 'bottom-right');
  host.setAttribute('lang', uiLanguage);
  if (COLOR.test(config.primaryColor)) {
    host.style.setProperty('--p', config.primaryColor);
    host.style.setProperty('--pt', textColorOn(config.primaryColor));
  }
  const view = createWidgetView(host, t);
  view.setTitle(config.name || t.title);
  const list = createMessageList(view.log, t);

  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const setTyping = (active: boolean) => {
    clearTimeout(typingTimer);
    view.setTyping(active);
    // A lost "typing stopped" frame must not leave the dots on forever.
    if (active) typingTimer = setTimeout(() => view.setTyping(false), 30_000);
  };

  const api = createApiClient(options.apiBase, options.widgetId);
  const session = createChatSession(api, createSessionStore(options.widgetId), visitorLanguage, {
    message(message, live) {
      if (list.add(message) && message.role !== 'visitor') {
        setTyping(false);
        if (live) view.bumpUnread();
      }
    },
    typing: setTyping,
    online: (online) => view.setOffline(!online),
    reset: () => list.clear(),
  });

  function post(content: string, el = list.addPending(content)): void {
    session.send(content).then(
      (message) => list.confirm(el, message),
      (error: unknown) => {
        // e.g. a refused identity (403): tell the site's developer why, without bothering the visitor.
        if (error instanceof ApiError && error.status >= 400) console.warn(`Parley: ${error.message}`);
        list.fail(el);
      },
    );
  }

  function submit(): void {
    const content = view.input.value.trim();
    if (!content) return;
    view.input.value = '';
    post(content);
  }

  view.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
    view.input.focus();
  });
  view.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  const retry = (event: Event) => {
    const el = (event.target as HTMLElement).closest<HTMLElement>('.msg[data-state=failed]');
    if (!el) return;
    if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    list.retrying(el);
    post(list.textOf(el), el);
  };
  view.log.addEventListener('click', retry);
  view.log.addEventListener('keydown', retry);

  if (options.identity) session.identify(options.identity);
  session.resume();
  document.body.append(host);

  return {
    open: view.open,
    close: view.close,
    identify(identity: VisitorIdentity) {
      if (identity && typeof identity.userId === 'string' && identity.userId) session.identify(identity);
    },
    reset: () => session.reset(),
  };
}
