// Imported first by main.tsx: zod (pulled in by common/'s schemas) probes `new Function` when it
// builds an object schema, which the app's CSP (no 'unsafe-eval') refuses and reports as a
// violation. The renderer parses nothing with zod, so its interpreter-only mode costs nothing.
import { z } from 'zod';

z.config({ jitless: true });
