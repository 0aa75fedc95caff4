import { Page } from '../../components/page.tsx';

export function ConnectionPage(_props: { id: string }) {
  return <Page title="ConnectionPage">Coming soon</Page>;
}
