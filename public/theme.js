// Runs before the first paint, so the page paints right the first time. A file of its own rather
// than an inline script: the Content-Security-Policy (scripts/csp.ts) allows scripts from the site
// itself only. Classic and render-blocking on purpose (it must run before the first paint).
// - The remembered theme, so a dark-theme learner never sees a white flash; src/app/theme.ts owns
//   the key and the choice afterwards.
// - `data-boot="sim"` where the app's first render is the simulator's shell (its address, without
//   presenter mode or an embed, as src/app/router.ts and src/run/view/view.ts read them, and not
//   launched by a learning platform): the shell
//   already in index.html (src/app/boot/BootShell.tsx) is shown there only (base.css); and
//   `data-boot-side="start"` where its side column is the default scenario's start.
(function () {
  const root = document.documentElement;
  try {
    const hash = location.hash.replace(/^#/, '');
    const q = hash.indexOf('?');
    const path = (q === -1 ? hash : hash.slice(0, q)).replace(/\/+$/, '');
    const query = q === -1 ? '' : hash.slice(q + 1);
    const on = /(^|&)(present|embed)=(1|true|on)(&|$)/.test(query);
    // A learning platform's launch (a query string, a SCORM page's meta tag) opens at a start page
    // of its own (src/features/lms/launch.ts): no shell there.
    const launched = location.search !== '' || document.querySelector('meta[name="mcp-sim-lms"]');
    if ((path === '' || path === '/sim') && !on && !launched) {
      root.dataset.boot = 'sim';
      // At the default scenario's start (no step, selection or attack: src/app/simulator/plainStart.ts
      // reads the same) the shell's side column is that start, else a plain box.
      const params = new URLSearchParams(query);
      const elsewhere = ['attack', 'step', 'at', 'sel', 'consent', 'rev', 'client'].some((k) =>
        params.has(k),
      );
      const scenario = params.get('scenario');
      if (!elsewhere && (scenario === null || scenario === 'first-connection'))
        root.dataset.bootSide = 'start';
    }
  } catch {
    // No shell: the app's first render draws the page, as without this script.
  }
  try {
    let theme = localStorage.getItem('mcp-sim-theme');
    if (theme !== 'light' && theme !== 'dark')
      theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    // An embedding page may fix the theme in the link (src/run/view/view.ts).
    const fixed = /[?&]theme=(light|dark)(&|$)/.exec(location.hash);
    if (fixed) theme = fixed[1];
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  } catch {
    // Storage blocked: the stylesheet's own default applies.
  }
})();
