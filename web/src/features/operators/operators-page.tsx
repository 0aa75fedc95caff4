import { Page } from '../../components/page.tsx';

export function OperatorsPage() {
  return <Page title="OperatorsPage">Coming soon</Page>;
}
