import { useEffect, type RefObject } from 'react';

const MARK = 'data-linli-scroll';

/** True when the element scrolls (overflow auto/scroll) and its content is larger than its box. */
function scrolls(el: HTMLElement): boolean {
  const style = getComputedStyle(el);
  const x = /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth;
  const y = /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight;
  return x || y;
}

/**
 * Makes every part of a table that scrolls (the container and Ant's inner scroll boxes) reachable by keyboard, as a
 * labelled region with a tab stop, so it can be scrolled with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Parts that stop scrolling (wider window, fewer rows) lose the tab stop again. Checked
 * after each change of the table's rows and size.
 */
export function useKeyboardScroll(ref: RefObject<HTMLElement | null>, label: string, active: boolean): void {
  useEffect(() => {
    const root = ref.current;
    if (!active || !root) return undefined;
    let frame = 0;
    const mark = () => {
      frame = 0;
      const boxes = [root, ...root.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')];
      for (const el of boxes) {
        if (scrolls(el)) {
          el.setAttribute(MARK, '');
          el.tabIndex = 0;
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', label);
        } else if (el.hasAttribute(MARK)) {
          el.removeAttribute(MARK);
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(mark);
    };
    mark();
    const resize = new ResizeObserver(schedule);
    resize.observe(root);
    const mutation = new MutationObserver(schedule);
    mutation.observe(root, { childList: true, subtree: true });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      resize.disconnect();
      mutation.disconnect();
    };
  }, [ref, label, active]);
}
