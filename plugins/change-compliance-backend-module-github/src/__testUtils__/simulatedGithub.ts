import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEMO_CREDENTIALS, MOUNTS } from '@internal/upstream-simulator';
import { GithubClients } from '../GithubClients';
import { GithubEvidenceProvider } from '../GithubEvidenceProvider';

/**
 * The module as a portal would configure it, pointed at a running upstream simulator: its GitHub
 * as the one `integrations.github` entry, a 180-day window, and a clock stopped at `now`.
 */
export function providerForSimulator(
  simulatorUrl: string,
  now: string,
): GithubEvidenceProvider {
  const host = new URL(simulatorUrl).host;
  return new GithubEvidenceProvider({
    clients: GithubClients.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host,
              apiBaseUrl: `${simulatorUrl}${MOUNTS.githubRest}`,
              token: DEMO_CREDENTIALS.githubToken,
            },
          ],
        },
      }),
    ),
    host,
    windowDays: 180,
    logger: mockServices.logger.mock(),
    now: () => new Date(now),
  });
}
