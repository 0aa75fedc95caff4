import { chatIcon, h } from './dom.ts';
import { trapFocus } from './focus-trap.ts';
import type { Strings } from './i18n.ts';
import { styles } from './styles.ts';

/** The shadow DOM of SPEC §5's page contract; behaviour is wired by the controller. */
export function createWidgetView(host: HTMLElement, t: Strings) {
  const root = host.attachShadow({ mode: 'open' });
  const badge = h('span', { class: 'badge', hidden: '', 'aria-hidden': 'true' });
  const launcher = h(
    'button',
    { type: 'button', class: 'launcher', 'aria-label': 'Open chat', 'aria-expanded': 'false' },
    chatIcon(),
    badge,
  );
  const title = h('h2', { id: 'parley-title' }, t.title);
  const close = h('button', { type: 'button', class: 'close', 'aria-label': t.close, title: t.close }, '×');
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', tabindex: '0' });
  log.setAttribute('aria-labelledby', 'parley-title');
  // A local greeting, not a message: it has no data-role and is never stored.
  log.append(h('p', { class: 'welcome' }, t.welcome));
  const typing = h(
    'div',
    { class: 'typing', hidden: '', role: 'status' },
    h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
    t.typing,
  );
  const status = h('div', { class: 'status', hidden: '', role: 'status' }, t.offline);
  const input = h('textarea', {
    'aria-label': 'Message',
    placeholder: t.placeholder,
    rows: '1',
    maxlength: '4000',
  });
  const send = h('button', { type: 'submit', class: 'send', 'aria-label': 'Send' }, t.send);
  const form = h('form', { class: 'compose' }, input, send);
  const panel = h(
    'div',
    { class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'parley-title', hidden: '' },
    h('div', { class: 'head' }, title, close),
    log,
    typing,
    status,
    form,
  );
  panel.id = 'parley-panel';
  launcher.setAttribute('aria-controls', 'parley-panel');
  root.append(h('style', {}, styles), launcher, panel);

  const isOpen = () => !panel.hidden;
  const open = () => {
    if (isOpen()) return;
    panel.hidden = false;
    host.setAttribute('data-open', '');
    launcher.setAttribute('aria-expanded', 'true');
    badge.hidden = true;
    badge.textContent = '';
    log.scrollTop = log.scrollHeight;
    input.focus();
  };
  const hide = () => {
    if (!isOpen()) return;
    panel.hidden = true;
    host.removeAttribute('data-open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  };

  launcher.addEventListener('click', () => (isOpen() ? hide() : open()));
  close.addEventListener('click', hide);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      hide();
    } else trapFocus(root, panel, event);
  });

  return {
    root,
    log,
    input,
    send,
    form,
    isOpen,
    open,
    close: hide,
    setTitle(text: string) {
      title.textContent = text;
    },
    setTyping(active: boolean) {
      typing.hidden = !active;
    },
    setOffline(offline: boolean) {
      status.hidden = !offline;
    },
    /** Counts replies that arrived while the panel was closed. */
    bumpUnread() {
      if (isOpen()) return;
      badge.textContent = String(Number(badge.textContent || 0) + 1);
      badge.hidden = false;
    },
  };
}

export type WidgetView = ReturnType<typeof createWidgetView>;
