import { Page } from '../../components/page.tsx';

export function RulePage(_props: { id: string }) {
  return <Page title="RulePage">Coming soon</Page>;
}
