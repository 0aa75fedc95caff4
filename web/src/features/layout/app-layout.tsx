import type { ReactNode } from 'react';
import { LeaveConfirmDialog } from '../../components/leave-confirm-dialog.tsx';
import { Link, usePath } from '../../lib/router.tsx';
import { leaveGuard } from '../../lib/unsaved-changes.ts';
import { isAdmin, useSession, useSignedIn } from '../auth/session.tsx';
import { SidebarCredits } from '../billing/credit-balance.tsx';

interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
}

const everyone: NavItem[] = [
  { to: '/inbox', label: 'Inbox' },
  { to: '/call-logs', label: 'Call log' },
  { to: '/billing', label: 'Billing' },
];

export const settingsNav: NavItem[] = [
  { to: '/connections', label: 'API connections', adminOnly: true },
  { to: '/rules', label: 'Rules', adminOnly: true },
  { to: '/widgets', label: 'Widgets', adminOnly: true },
  { to: '/api-keys', label: 'API keys', adminOnly: true },
  { to: '/ai', label: 'AI settings', adminOnly: true },
  { to: '/webhooks', label: 'Webhooks', adminOnly: true },
  { to: '/operators', label: 'Operators', adminOnly: true },
];

function isCurrent(path: string, to: string) {
  if (to === '/inbox') return path === '/' || path.startsWith('/inbox');
  if (to === '/connections') return path.startsWith('/connections') || path.startsWith('/endpoints');
  return path === to || path.startsWith(`${to}/`);
}

function NavLink({ item, path }: { item: NavItem; path: string }) {
  const current = isCurrent(path, item.to);
  return (
    <li>
      <Link
        to={item.to}
        className={current ? 'nav-current' : undefined}
        aria-current={current ? 'page' : undefined}
      >
        {item.label}
      </Link>
    </li>
  );
}

/** Sidebar navigation (a top bar below 900 px) around every signed-in page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSignedIn();
  const { signOut } = useSession();
  const path = usePath();
  const admin = isAdmin(session);
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-name">Parley</span>
          <span className="brand-tenant" title="Workspace">
            {session.tenant.name}
          </span>
          <SidebarCredits />
        </div>
        <nav aria-label="Main">
          <ul className="nav-list">
            {everyone.map((item) => (
              <NavLink key={item.to} item={item} path={path} />
            ))}
          </ul>
          {admin && (
            <>
              <h2 className="nav-heading">Settings</h2>
              <ul className="nav-list">
                {settingsNav.map((item) => (
                  <NavLink key={item.to} item={item} path={path} />
                ))}
              </ul>
            </>
          )}
        </nav>
        <div className="sidebar-user">
          <span className="user-name" title={session.operator.email}>
            {session.operator.name} <span className="badge">{session.operator.role}</span>
          </span>
          <button
            type="button"
            className="button-secondary"
            onClick={() => leaveGuard.leave(() => void signOut())}
          >
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="content">
        {children}
      </main>
      <LeaveConfirmDialog />
    </div>
  );
}
