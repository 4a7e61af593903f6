/**
 * The class the boot shell (BootShell.tsx) is found by: the stylesheet (base.css, which writes it
 * out), the entry (main.tsx: is the shell in the page?) and the tests.
 */
export const BOOT_SHELL_CLASS = 'boot-shell';
