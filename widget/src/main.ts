import { ApiError, createApiClient } from './api-client.ts';
import { backoffDelay } from './backoff.ts';
import { readScriptOptions, type ScriptOptions } from './script-options.ts';
import { createSessionStore } from './session-store.ts';
import type { VisitorIdentity, WidgetConfig } from './types.ts';
import { mountWidget } from './widget-controller.ts';

type Call = ['open' | 'close' | 'reset' | 'identify', ...unknown[]];

interface ParleyGlobal {
  open(): void;
  close(): void;
  identify(identity: VisitorIdentity): void;
  /** Call on logout: forgets the identity and this browser's conversation. */
  reset(): void;
  loaded?: true;
  /** Calls a page made before the script loaded (`window.Parley = {q: []}` stub). */
  q?: Call[];
}

declare global {
  interface Window {
    Parley?: ParleyGlobal;
  }
}

/**
 * Entry point of widget.js. `window.Parley` exists at once; calls made before the widget's
 * config arrived are replayed in order once it is mounted.
 */
function boot(): void {
  const options = readScriptOptions();
  // A second copy of the script on the same page must not mount a second widget.
  if (!options || window.Parley?.loaded) return;
  const pending: Call[] = [...(window.Parley?.q ?? [])];
  let mounted: ReturnType<typeof mountWidget> | null = null;
  const call = (...args: Call) => {
    if (!mounted) return void pending.push(args);
    const [method, arg] = args;
    if (method === 'identify') mounted.identify(arg as VisitorIdentity);
    else mounted[method]();
  };
  window.Parley = {
    loaded: true,
    open: () => call('open'),
    close: () => call('close'),
    identify: (identity) => call('identify', identity),
    reset: () => call('reset'),
  };

  const start = async () => {
    try {
      const config = await loadConfig(options);
      if (config.originAllowed === false) {
        // A chat whose every message would be refused is worse than none: stay hidden, tell the developer.
        console.warn(
          `Parley widget: not shown, because ${location.origin} is not one of this widget's allowed origins. Add it in the dashboard (Settings → Widgets → Allowed origins) or with PATCH /api/v1/tenant-api/widgets/${options.widgetId}.`,
        );
        return;
      }
      mounted = mountWidget(options, config);
      for (const args of pending.splice(0)) call(...args);
    } catch (error) {
      console.warn('Parley widget: not started.', error);
    }
  };
  if (document.body) void start();
  else addEventListener('DOMContentLoaded', () => void start(), { once: true });
}

/** Settings fetches before giving up on this page view (about half a minute with backoffDelay). */
const CONFIG_ATTEMPTS = 7;

/**
 * The widget's settings, retried with backoff while the server is unreachable or failing (a
 * deploy, a blip): one failed request must not hide the chat for the whole page view. A 4xx
 * (unknown or switched-off widget) is an answer and is not retried.
 */
async function loadConfig(options: ScriptOptions): Promise<WidgetConfig> {
  const api = createApiClient(options.apiBase, options.widgetId);
  const stored = createSessionStore(options.widgetId).load();
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.getConfig(stored);
    } catch (error) {
      const transient = error instanceof ApiError && (error.status === 0 || error.status >= 500);
      if (!transient || attempt + 1 >= CONFIG_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt)));
    }
  }
}

boot();
