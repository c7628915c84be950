import { AuditorService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createRouter, RouterOptions } from '../../service/router';
import { AuditCatalog } from '../AuditCatalog';

/** What an auditor service was told, in order. */
export interface RecordedEvent {
  eventId: string;
  status: 'initiated' | 'succeeded' | 'failed';
  meta?: object;
  error?: string;
}

/** An auditor service that keeps what it is told, for a test to read. */
export function recordingAuditor(events: RecordedEvent[] = []): AuditorService {
  return {
    async createEvent(options) {
      events.push({
        eventId: options.eventId,
        status: 'initiated',
        meta: options.meta,
      });
      return {
        async success(params) {
          events.push({
            eventId: options.eventId,
            status: 'succeeded',
            meta: { ...options.meta, ...params?.meta },
          });
        },
        async fail(params) {
          events.push({
            eventId: options.eventId,
            status: 'failed',
            error: params.error.message,
          });
        },
      };
    },
  };
}

/** A catalog that knows these systems and groups (with their services) and nothing else. */
export function catalogOf(catalog: {
  systems?: Record<string, string[]>;
  groups?: Record<string, string[]>;
  systemOfService?: Record<string, string>;
}): AuditCatalog {
  return {
    systemServices: async ref => catalog.systems?.[ref],
    groupServices: async ref => catalog.groups?.[ref],
    systemsOf: async refs =>
      new Map(
        refs.flatMap(ref => {
          const system = catalog.systemOfService?.[ref];
          return system ? [[ref, system] as const] : [];
        }),
      ),
  };
}

/**
 * The plugin's router on an express app, as the backend serves it: the mock auth services admit
 * the callers the mock credential headers name, and the permission policy answers `permission`
 * for everything.
 */
export async function routerApp(
  options: Omit<RouterOptions, 'httpAuth' | 'permissions'> & {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  },
): Promise<express.Express> {
  const { permission, ...routerOptions } = options;
  const router = await createRouter({
    ...routerOptions,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    permissions: mockServices.permissions({
      result: permission ?? AuthorizeResult.ALLOW,
    }),
  });
  const app = express();
  app.use(router);
  app.use(mockErrorHandler());
  return app;
}
