// Renders the app as renderer/main.tsx does: a fresh query client per test, following the fake
// main's events from before the first read.
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import { App } from '../../../../renderer/App';
import { api } from '../../../../renderer/bridge';
import { followMainEvents } from '../../../../renderer/data/main-events';
import { createQueryClient } from '../../../../renderer/data/query-client';
import type { FakeMain } from './fake-main';

const mounted: Array<{ main: FakeMain; stop(): void }> = [];

/** Installs the fake main and renders <App /> against it; torn down after the test. */
export function renderApp(main: FakeMain): RenderResult {
  main.install();
  const client = createQueryClient();
  const stopEvents = followMainEvents(client, api());
  mounted.push({
    main,
    stop: () => {
      stopEvents();
      client.clear();
    },
  });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  for (const { main, stop } of mounted.splice(0)) {
    stop();
    expect(main.unhandled, 'channels the renderer called that the test did not expect').toEqual([]);
  }
});
