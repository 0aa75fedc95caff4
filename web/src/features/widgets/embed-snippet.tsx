import { useId } from 'react';
import { CopyButton } from '../../components/copy-button.tsx';
import { embedSnippet } from './widget-types.ts';

export function EmbedSnippet({ widgetId }: { widgetId: string }) {
  const id = useId();
  const snippet = embedSnippet(window.location.origin, widgetId);
  return (
    <div className="embed">
      <label htmlFor={id}>Embed code — paste before &lt;/body&gt; on your site</label>
      <div className="secret-row">
        <textarea
          id={id}
          className="code-input"
          readOnly
          rows={2}
          value={snippet}
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={snippet} label="Copy snippet" />
      </div>
    </div>
  );
}
