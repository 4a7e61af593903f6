/**
 * A link to one of the app's hash routes. It is a real `<a href="#/…">`, so it can be opened in a
 * new tab, copied or bookmarked; a plain click goes through the shell's `navigate` instead of the
 * browser's own hash change, so the shell decides how routes change.
 */
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';

export type Navigate = (hash: string) => void;

interface HashLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> {
  href: string;
  navigate: Navigate;
  children: ReactNode;
}

export function isPlainClick(event: MouseEvent): boolean {
  return !(event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
}

export function HashLink({ href, navigate, children, ...rest }: HashLinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.defaultPrevented || !isPlainClick(event)) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}
