import { Page } from '../../components/page.tsx';

export function RulesPage() {
  return <Page title="RulesPage">Coming soon</Page>;
}
