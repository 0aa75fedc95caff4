import { formatNumber } from '../../lib/format.ts';
import { useRefreshWhileVisible } from '../../lib/refresh-while-visible.ts';
import { useApi } from '../../lib/use-api.ts';

/** GET /billing/balance. */
export interface Balance {
  plan: string;
  creditBalance: number;
  totalCreditsAdded: number;
}

const BALANCE_PATH = '/billing/balance';
/** AI replies spend credits in the background; an open tab shows it this often. */
export const BALANCE_REFRESH_MS = 30_000;

/**
 * The tenant's balance, one value for every place that shows it (the sidebar, Billing, notices):
 * whichever fetches a newer answer updates them all.
 */
export function useBalance() {
  return useApi<Balance>(BALANCE_PATH, { shared: true });
}

/** The credit balance alone (undefined until known). */
export function useCreditBalance(): number | undefined {
  return useBalance().data?.creditBalance;
}

/**
 * The balance in the sidebar of every signed-in page, refreshed while the tab is visible (and at
 * once when it is shown again), which keeps every other place showing it current too.
 */
export function SidebarCredits() {
  const balance = useBalance();
  useRefreshWhileVisible(balance.refresh, BALANCE_REFRESH_MS);
  const credits = balance.data?.creditBalance;
  if (credits === undefined) return null;
  return (
    <span
      className={`sidebar-credits${credits <= 0 ? ' sidebar-credits-out' : ''}`}
      title={credits <= 0 ? 'AI replies are paused until credits are added.' : undefined}
    >
      Credits: <span data-testid="sidebar-credits">{formatNumber(credits)}</span>
    </span>
  );
}
