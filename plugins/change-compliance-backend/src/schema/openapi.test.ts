import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CHECK_IDS } from '@change-compliance/plugin-change-compliance-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { EvidenceStore } from '../database/EvidenceStore';
import { DEFAULT_POLICY } from '../policy/ChangePolicy';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { createRouter } from '../service/router';

/** The document must describe exactly the routes the router serves, no more and no fewer. */
describe('openapi.yaml', () => {
  const document = parse(
    fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
  );

  it('lists every route of the router', async () => {
    const router = await createRouter({
      store: {} as EvidenceStore,
      providers: new ProviderRegistry(),
      policy: DEFAULT_POLICY,
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.none(),
      }),
      permissions: mockServices.permissions(),
    });
    const served = (router as any).stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method.toUpperCase()} ${layer.route.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
      )
      .sort();
    const documented = Object.entries(document.paths as Record<string, object>)
      .flatMap(([route, operations]) =>
        Object.keys(operations).map(
          method => `${method.toUpperCase()} ${route}`,
        ),
      )
      .sort();

    expect(documented).toEqual(served);
  });

  it('names the check ids of the engine', () => {
    expect(document.components.schemas.CheckId.enum).toEqual([...CHECK_IDS]);
  });
});
