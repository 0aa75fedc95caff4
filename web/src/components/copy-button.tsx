import { useState } from 'react';

/** Copies `text`; falls back to selecting a hidden textarea where the Clipboard API is unavailable (http). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" className="button-secondary" onClick={copy} aria-label={`${label} to clipboard`}>
      {copied ? 'Copied' : label}
    </button>
  );
}
