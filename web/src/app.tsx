import type { ReactNode } from 'react';
import { EmptyState } from './components/notice.tsx';
import { Page } from './components/page.tsx';
import { AiSettingsPage } from './features/ai-settings/ai-settings-page.tsx';
import { ApiKeysPage } from './features/api-keys/api-keys-page.tsx';
import { isAdmin, SessionProvider, useSession } from './features/auth/session.tsx';
import { SignInPage } from './features/auth/sign-in-page.tsx';
import { BillingPage } from './features/billing/billing-page.tsx';
import { CallLogsPage } from './features/call-logs/call-logs-page.tsx';
import { ConnectionPage } from './features/connections/connection-page.tsx';
import { ConnectionsPage } from './features/connections/connections-page.tsx';
import { EndpointPage } from './features/endpoints/endpoint-page.tsx';
import { InboxPage } from './features/inbox/inbox-page.tsx';
import { AppLayout } from './features/layout/app-layout.tsx';
import { OperatorsPage } from './features/operators/operators-page.tsx';
import { RulePage } from './features/rules/rule-page.tsx';
import { RulesPage } from './features/rules/rules-page.tsx';
import { WebhooksPage } from './features/webhooks/webhooks-page.tsx';
import { WidgetsPage } from './features/widgets/widgets-page.tsx';
import { Link, matchPath, usePath } from './lib/router.tsx';

interface Route {
  pattern: string;
  adminOnly?: boolean;
  render: (params: Record<string, string>) => ReactNode;
}

const routes: Route[] = [
  { pattern: '/', render: () => <InboxPage conversationId={null} /> },
  { pattern: '/inbox', render: () => <InboxPage conversationId={null} /> },
  { pattern: '/inbox/:id', render: (p) => <InboxPage conversationId={p.id} /> },
  { pattern: '/call-logs', render: () => <CallLogsPage /> },
  { pattern: '/billing', render: () => <BillingPage /> },
  { pattern: '/connections', adminOnly: true, render: () => <ConnectionsPage /> },
  { pattern: '/connections/:id', adminOnly: true, render: (p) => <ConnectionPage key={p.id} id={p.id} /> },
  {
    pattern: '/connections/:id/endpoints/new',
    adminOnly: true,
    render: (p) => <EndpointPage key="new" connectionId={p.id} id="new" />,
  },
  { pattern: '/endpoints/:id', adminOnly: true, render: (p) => <EndpointPage key={p.id} id={p.id} /> },
  { pattern: '/rules', adminOnly: true, render: () => <RulesPage /> },
  { pattern: '/rules/:id', adminOnly: true, render: (p) => <RulePage key={p.id} id={p.id} /> },
  { pattern: '/widgets', adminOnly: true, render: () => <WidgetsPage /> },
  { pattern: '/api-keys', adminOnly: true, render: () => <ApiKeysPage /> },
  { pattern: '/ai', adminOnly: true, render: () => <AiSettingsPage /> },
  { pattern: '/webhooks', adminOnly: true, render: () => <WebhooksPage /> },
  { pattern: '/operators', adminOnly: true, render: () => <OperatorsPage /> },
];

function Forbidden() {
  return (
    <Page title="Admins only">
      <EmptyState title="Only admins can open settings.">
        Ask an admin of your workspace if you need a change here. <Link to="/inbox">Back to the inbox</Link>
      </EmptyState>
    </Page>
  );
}

function NotFound() {
  return (
    <Page title="Page not found">
      <EmptyState title="There is nothing at this address.">
        <Link to="/inbox">Go to the inbox</Link>
      </EmptyState>
    </Page>
  );
}

function Routes() {
  const path = usePath();
  const { session } = useSession();
  if (!session) return null;
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    if (route.adminOnly && !isAdmin(session)) return <Forbidden />;
    return <>{route.render(params)}</>;
  }
  return <NotFound />;
}

function Gate() {
  const { session } = useSession();
  if (session === undefined) {
    return (
      <p className="muted boot" role="status">
        Loading…
      </p>
    );
  }
  if (session === null) return <SignInPage />;
  return (
    <AppLayout>
      <Routes />
    </AppLayout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
