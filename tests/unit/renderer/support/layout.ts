// happy-dom does no layout: every element is 0×0, so a virtualised list would show no rows.
// Component tests give elements a window-sized client box, as a 1280×820 desktop window would.
import { afterAll, beforeAll } from 'vitest';

/** Gives every element a clientWidth/clientHeight for the duration of a test file. */
export function useFakeLayout(width = 1200, height = 600): void {
  const originals = new Map<string, PropertyDescriptor | undefined>();
  beforeAll(() => {
    for (const [prop, value] of [
      ['clientWidth', width],
      ['clientHeight', height],
    ] as const) {
      originals.set(prop, Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop));
      Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
    }
  });
  afterAll(() => {
    for (const [prop, descriptor] of originals) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, prop, descriptor);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[prop];
    }
  });
}
