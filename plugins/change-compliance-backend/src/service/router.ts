import { HealthResponse } from '@change-compliance/plugin-change-compliance-common';
import express from 'express';
import Router from 'express-promise-router';
import { EvidenceStore } from '../database/EvidenceStore';
import { ChangePolicy } from '../policy/ChangePolicy';
import { ProviderRegistry } from '../providers/ProviderRegistry';

export interface RouterOptions {
  store: EvidenceStore;
  providers: ProviderRegistry;
  policy: ChangePolicy;
}

/**
 * The REST API under `/api/change-compliance`. Thin on purpose: it parses, authorises and
 * delegates; the store and the engine do the work.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, providers, policy } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', async (_req, res) => {
    const description = await store.describe();
    const body: HealthResponse = {
      status: 'ok',
      store: {
        client: description.client,
        schemaVersion: description.schemaVersion,
      },
      providers: providers.describe(),
    };
    res.json(body);
  });

  // The policy in force: the auditor's step 1, "obtain the change management policy".
  router.get('/policy', (_req, res) => {
    res.json(policy);
  });

  return router;
}
