import './start-first-screen';
import './csp-safe-zod';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api } from './bridge';
import { followMainEvents } from './data/main-events';
import { createQueryClient } from './data/query-client';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
// Main's events are followed before the first read, so none can slip in between.
const client = createQueryClient();
followMainEvents(client, api());
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
