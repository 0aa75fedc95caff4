import { useState } from 'react';
import { EmptyState, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { leaveGuard } from '../../lib/unsaved-changes.ts';
import { useApi } from '../../lib/use-api.ts';
import { NoCreditsNotice } from '../billing/no-credits-notice.tsx';
import { EmbedSnippet } from './embed-snippet.tsx';
import { WidgetForm } from './widget-form.tsx';
import type { Widget } from './widget-types.ts';

export function WidgetsPage() {
  const widgets = useApi<Widget[]>('/widgets');
  // 'new', a widget id being edited, or null.
  const [editing, setEditing] = useState<string | null>(null);

  const saved = async () => {
    setEditing(null);
    await widgets.reload();
  };

  return (
    <Page
      title="Widgets"
      actions={
        editing !== 'new' && (
          <button
            type="button"
            className="button-primary"
            onClick={() => leaveGuard.leave(() => setEditing('new'))}
          >
            New widget
          </button>
        )
      }
    >
      <NoCreditsNotice aiInUse={widgets.data?.some((w) => w.aiEnabled) ?? false} />
      {editing === 'new' && <WidgetForm onSaved={saved} onCancel={() => setEditing(null)} />}
      <LoadState loading={widgets.loading && !widgets.data} error={widgets.error} onRetry={widgets.reload} />
      {widgets.data?.length === 0 && editing !== 'new' && (
        <EmptyState title="No widgets yet.">
          A widget is the chat bubble on your site. Create one to get its embed code.
        </EmptyState>
      )}
      <ul className="card-list">
        {widgets.data?.map((widget) => (
          <li key={widget.id} className="card">
            {editing === widget.id ? (
              <WidgetForm widget={widget} onSaved={saved} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <div className="card-header">
                  <h2>
                    <span className="swatch" style={{ background: widget.primaryColor }} aria-hidden="true" />
                    {widget.name}
                  </h2>
                  <div className="badges">
                    <span className={`badge ${widget.isActive ? 'badge-ok' : 'badge-muted'}`}>
                      {widget.isActive ? 'Active' : 'Inactive'}
                    </span>
                    {widget.aiEnabled && <span className="badge">AI</span>}
                    {widget.translationEnabled && <span className="badge">Translation</span>}
                  </div>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => leaveGuard.leave(() => setEditing(widget.id))}
                  >
                    Edit
                  </button>
                </div>
                <p className="muted small">
                  Allowed origins:{' '}
                  {widget.allowedOrigins.length ? widget.allowedOrigins.join(', ') : 'any site'} · ID{' '}
                  <code>{widget.id}</code>
                </p>
                <EmbedSnippet widgetId={widget.id} />
              </>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
