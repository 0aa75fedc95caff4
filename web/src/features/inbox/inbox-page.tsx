import { Page } from '../../components/page.tsx';

export function InboxPage(_props: { conversationId: string | null }) {
  return <Page title="InboxPage">Coming soon</Page>;
}
