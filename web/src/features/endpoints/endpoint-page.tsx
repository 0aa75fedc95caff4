import { Page } from '../../components/page.tsx';

export function EndpointPage(_props: { id: string; connectionId?: string }) {
  return <Page title="EndpointPage">Coming soon</Page>;
}
