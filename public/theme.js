// Applies the remembered theme before the first paint, so a dark-theme learner never sees a white
// flash. A file of its own rather than an inline script: the Content-Security-Policy (scripts/csp.ts)
// allows scripts from the site itself only. Classic and render-blocking on purpose (it must run
// before the first paint); src/app/theme.ts owns the key and the choice afterwards.
(function () {
  try {
    let theme = localStorage.getItem('mcp-sim-theme');
    if (theme !== 'light' && theme !== 'dark')
      theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    // An embedding page may fix the theme in the link (src/run/view/view.ts).
    const fixed = /[?&]theme=(light|dark)(&|$)/.exec(location.hash);
    if (fixed) theme = fixed[1];
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  } catch {
    // Storage blocked: the stylesheet's own default applies.
  }
})();
