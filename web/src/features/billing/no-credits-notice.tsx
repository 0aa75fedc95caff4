import { Link } from '../../lib/router.tsx';
import { useSession } from '../auth/session.tsx';
import { useCreditBalance } from './credit-balance.tsx';

/** The command that adds credits to this tenant (run by whoever runs the installation). */
export function AddCreditsCommand() {
  const tenantId = useSession().session?.tenant.id;
  return <code>npx parley tenant credits --id {tenantId ?? '<tenant id>'} --amount 100000</code>;
}

/**
 * Says why visitors get no AI answer at zero credits (the widget shows them nothing about it, by
 * design). `aiInUse`: whether any widget has AI on; nothing is shown when none has.
 */
export function NoCreditsNotice({ aiInUse }: { aiInUse: boolean }) {
  const balance = useCreditBalance();
  if (!aiInUse || balance === undefined || balance > 0) return null;
  return (
    <div className="notice notice-error" role="status" data-testid="no-credits">
      AI replies are paused: no credits left. Rules with REPLY_TEXT still answer. Add credits: whoever runs
      this Parley installation adds them with <AddCreditsCommand /> (see <Link to="/billing">Billing</Link>).
    </div>
  );
}
