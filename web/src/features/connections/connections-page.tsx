import { Page } from '../../components/page.tsx';

export function ConnectionsPage() {
  return <Page title="ConnectionsPage">Coming soon</Page>;
}
