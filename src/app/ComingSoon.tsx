/** Placeholder panels for the routes other people are building (lessons, quiz) and unknown paths. */
import type { ReactNode } from 'react';
import { useSimHref } from './simLink';

export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  const simHref = useSimHref();
  return (
    <div className="coming-soon">
      <div className="panel coming-soon__panel">
        <h1>{title}</h1>
        {children}
        <p>
          <a className="btn btn--primary" href={simHref}>
            Open the simulator
          </a>
        </p>
      </div>
    </div>
  );
}
