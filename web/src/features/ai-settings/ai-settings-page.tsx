import { Page } from '../../components/page.tsx';

export function AiSettingsPage() {
  return <Page title="AiSettingsPage">Coming soon</Page>;
}
