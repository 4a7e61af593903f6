/** The boot shell's markup, for the build (scripts/bootShell.ts) and the tests. */
import { renderToStaticMarkup } from 'react-dom/server';
import { BootShell } from './BootShell';

export function renderBootShell(): string {
  return renderToStaticMarkup(<BootShell />);
}
