import { Page } from '../../components/page.tsx';

export function CallLogsPage() {
  return <Page title="CallLogsPage">Coming soon</Page>;
}
