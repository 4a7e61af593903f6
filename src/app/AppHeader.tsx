/** The top bar: name, the three sections, and the theme toggle. */
import { HEADER_SLOT_ID } from './headerContext';
// The header's own rules (the tools' room, held from the first paint) are in the view bar's sheet.
import './viewbar/presenter.css';
import type { Route } from './router';
import { Logo } from './Logo';
import { useSimHref } from './simLink';
import type { Theme } from './theme';

interface Props {
  route: Route;
  theme: Theme;
  onToggleTheme: () => void;
}

export function AppHeader({ route, theme, onToggleTheme }: Props) {
  const simHref = useSimHref();
  const links = [
    { name: 'sim', href: simHref, label: 'Simulator' },
    { name: 'lessons', href: '#/lessons', label: 'Lessons' },
    { name: 'quiz', href: '#/quiz', label: 'Quiz' },
    { name: 'practice', href: '#/practice', label: 'Practice' },
    { name: 'progress', href: '#/progress', label: 'Progress' },
    { name: 'har', href: '#/har', label: 'Your flow' },
    { name: 'revisions', href: '#/revisions', label: 'Time machine' },
  ];
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <header className="app-header">
      <a className="brand" href={simHref}>
        <Logo />
        <span className="brand__name">MCP OAuth Flow Simulator</span>
        <span className="brand__tag">OAuth 2.1 · MCP 2026-07-28</span>
      </a>
      <nav aria-label="Sections" className="app-nav">
        <ul>
          {links.map((link) => (
            <li key={link.name}>
              <a href={link.href} aria-current={route.name === link.name ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {/* The simulator's view and sharing controls are rendered here (viewbar/ViewBar.tsx). On the
          simulator their room is kept from the first paint (presenter.css): arriving once the
          simulator has loaded, they would wrap the header and push the page down. */}
      <div
        id={HEADER_SLOT_ID}
        className={`app-header__tools${route.name === 'sim' ? ' app-header__tools--sim' : ''}`}
      />
      <button
        type="button"
        className="btn btn--ghost theme-toggle"
        onClick={onToggleTheme}
        aria-label={`Switch to ${next} theme`}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
        <span className="theme-toggle__text">{theme === 'dark' ? 'Light' : 'Dark'}</span>
      </button>
    </header>
  );
}
