export interface Widget {
  id: string;
  name: string;
  isActive: boolean;
  aiEnabled: boolean;
  translationEnabled: boolean;
  primaryColor: string;
  position: 'bottom-right' | 'bottom-left';
  allowedOrigins: string[];
  identitySecret: string | null;
  createdAt: string;
}

/** The line a site owner pastes into their pages (SPEC §5). */
export const embedSnippet = (origin: string, widgetId: string) =>
  `<script src="${origin}/api/v1/widget/widget.js" data-widget-id="${widgetId}" async></script>`;
