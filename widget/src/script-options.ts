import type { VisitorIdentity } from './types.ts';

export interface ScriptOptions {
  widgetId: string;
  /** e.g. https://chat.example.com/api/v1/widget — every call is relative to it. */
  apiBase: string;
  identity: VisitorIdentity | undefined;
  /** Forced UI language (data-language); otherwise the visitor's browser language. */
  language: string | undefined;
}

/** The widget's own <script> tag: `document.currentScript` is null for async scripts once they ran. */
function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.widgetId) return current;
  const tags = document.querySelectorAll<HTMLScriptElement>('script[data-widget-id][src*="widget.js"]');
  return tags.length ? tags[tags.length - 1] : null;
}

/** Reads data-* attributes; the API base is derived from the script's own URL (…/api/v1/widget/widget.js). */
export function readScriptOptions(): ScriptOptions | null {
  const script = findOwnScript();
  const widgetId = script?.dataset.widgetId;
  if (!script || !widgetId) return null;
  const src = new URL(script.src, location.href);
  const apiBase = src.origin + src.pathname.replace(/\/widget\.js$/, '');
  const d = script.dataset;
  const identity = d.userId
    ? { userId: d.userId, email: d.userEmail, name: d.userName, userHash: d.userHash }
    : undefined;
  return { widgetId, apiBase, identity, language: d.language };
}
