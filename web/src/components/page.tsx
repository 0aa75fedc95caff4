import type { ReactNode } from 'react';
import { useTitle } from '../lib/router.tsx';

/** Every page: a heading, optional actions on the right, then the content. */
export function Page({
  title,
  actions,
  children,
  wide,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  useTitle(title);
  return (
    <section className={`page${wide ? ' page-wide' : ''}`} aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
