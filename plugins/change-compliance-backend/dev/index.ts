// Runs the plugin alone on an in-memory SQLite, for `yarn start` inside this package.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('../src'));
backend.start();
