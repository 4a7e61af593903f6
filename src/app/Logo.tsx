/** The mark: three lifelines and an arrow between them (the favicon draws the same). */
export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path
        d="M9 7v18M16 7v18M23 7v18"
        stroke="var(--accent-contrast)"
        strokeOpacity="0.45"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <path d="M9 12h11.5" stroke="var(--accent-contrast)" strokeWidth="2.4" strokeLinecap="round" />
      <path d="M19 9l4 3-4 3z" fill="var(--accent-contrast)" />
      <path
        d="M23 20H12.5"
        stroke="var(--accent-contrast)"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeDasharray="2.5 2.5"
      />
      <path d="M13 17l-4 3 4 3z" fill="var(--accent-contrast)" />
    </svg>
  );
}
