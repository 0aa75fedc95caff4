import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { api, clearCache, setCsrfToken, setUnauthorizedHandler } from '../../lib/api-client.ts';
import { closeTenantEvents } from '../../lib/tenant-events.ts';

export interface SessionInfo {
  operator: { id: string; email: string; name: string; role: 'admin' | 'operator' };
  tenant: { id: string; name: string };
  csrfToken: string;
}

interface SessionState {
  /** undefined while checking, null when signed out. */
  session: SessionInfo | null | undefined;
  /** Set when a request found the session gone; the sign-in page says so. */
  expired: boolean;
  signIn(input: { email: string; password: string; tenantId?: string }): Promise<void>;
  signOut(): Promise<void>;
  /** Reads the session again, e.g. after a change to one's own role or password. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  const signedIn = useRef(false);

  const adopt = useCallback((info: SessionInfo | null) => {
    signedIn.current = info !== null;
    // Nothing cached for one person (or workspace) may show for the next one in this tab.
    clearCache();
    setCsrfToken(info?.csrfToken ?? null);
    if (!info) closeTenantEvents();
    setSession(info);
  }, []);

  const ended = useCallback(() => {
    if (signedIn.current) setExpired(true);
    adopt(null);
  }, [adopt]);

  const refresh = useCallback(
    () =>
      api<SessionInfo>('GET', '/api/v1/auth/me').then(
        (r) => adopt(r.data),
        () => ended(),
      ),
    [adopt, ended],
  );

  useEffect(() => {
    setUnauthorizedHandler(ended);
    void refresh();
    return () => setUnauthorizedHandler(null);
  }, [ended, refresh]);

  const signIn = useCallback(
    async (input: { email: string; password: string; tenantId?: string }) => {
      const result = await api<SessionInfo>('POST', '/api/v1/auth/login', input);
      setExpired(false);
      adopt(result.data);
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/api/v1/auth/logout', {});
    } finally {
      setExpired(false);
      adopt(null);
    }
  }, [adopt]);

  const value = useMemo(
    () => ({ session, expired, signIn, signOut, refresh }),
    [session, expired, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person; only called below the sign-in gate. */
export function useSignedIn(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn while signed out');
  return session;
}

export const isAdmin = (session: SessionInfo) => session.operator.role === 'admin';
