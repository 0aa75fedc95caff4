import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from 'react';
import { leaveGuard } from './unsaved-changes.ts';

/** The dashboard lives under /app; routes inside it are written without the prefix ("/rules/1"). */
export const BASE = '/app';

const listeners = new Set<() => void>();
/** The address the page shows: where the back button returns to when leaving is cancelled. */
let shownUrl = '';

const here = () => `${window.location.pathname}${window.location.search}${window.location.hash}`;

function notify() {
  shownUrl = here();
  for (const listener of listeners) listener();
}

/**
 * The back and forward buttons have already changed the address when we hear of them: with unsaved
 * edits, the shown page's address goes back in place until the person decides (LeaveConfirmDialog).
 */
function onPopState() {
  if (!leaveGuard.hasUnsavedChanges()) {
    notify();
    return;
  }
  const target = here();
  window.history.pushState(null, '', shownUrl);
  leaveGuard.leave(() => {
    window.history.pushState(null, '', target);
    notify();
  });
}

function subscribe(listener: () => void) {
  if (listeners.size === 0) {
    shownUrl = here();
    window.addEventListener('popstate', onPopState);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPopState);
  };
}

function currentPath(): string {
  const { pathname } = window.location;
  const inner = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return inner === '' ? '/' : inner.length > 1 ? inner.replace(/\/$/, '') : inner;
}

const currentSearch = () => window.location.search;

/** The path inside the app ("/inbox/…"), re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** The query string's parameters, re-rendering on navigation. */
export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, currentSearch);
  return new URLSearchParams(search);
}

/**
 * Goes to a page of the app. With unsaved edits on the current page it asks first (see
 * unsaved-changes.ts); `force` skips that, for moves that follow a save or a delete.
 */
export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  const go = () => {
    const url = `${BASE}${to === '/' ? '/' : to}`;
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    notify();
    window.scrollTo?.(0, 0);
  };
  if (options.force) go();
  else leaveGuard.leave(go);
}

/** Changes the address without showing another page (a new item's editor stays mounted once it is saved). */
export function replaceUrl(to: string): void {
  window.history.replaceState(null, '', `${BASE}${to}`);
  shownUrl = here();
}

/** Matches "/rules/:id" against a path; returns the named segments or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link (middle-click, copy link work) that navigates without a page load. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={`${BASE}${to}`} onClick={handle} {...rest} />;
}

/** Sets the document title for the page being shown. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Parley` : 'Parley';
  }, [title]);
}
