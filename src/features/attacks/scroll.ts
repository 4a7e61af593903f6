/**
 * Scrolls one scrolling box so that `target` shows at `where` of it, without moving any other
 * scroller (scrollIntoView would also scroll the dialog or the page around it).
 */
export function scrollWithin(box: Element | null, target: Element | null, where: 'top' | 'center'): void {
  if (!box || !target) return;
  const outer = box.getBoundingClientRect();
  const inner = target.getBoundingClientRect();
  const offset =
    where === 'top' ? inner.top - outer.top - 8 : inner.top - outer.top - (outer.height - inner.height) / 2;
  box.scrollTop += offset;
}
