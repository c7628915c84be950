/**
 * The credentials each simulated upstream accepts. They guard nothing real: the simulator checks
 * them so that the product's modules are tested with authentication as they meet it upstream
 * (a wrong or missing token is a 401), and the demo's app-config uses the same values.
 */
export interface SimulatorCredentials {
  /** GitHub: `Authorization: token <t>` or `Bearer <t>`. */
  githubToken: string;
  /** Jira: basic auth `email:apiToken` (Cloud) or `Bearer <apiToken>` (Data Center PAT). */
  jira: { email: string; apiToken: string };
  /** ServiceNow: basic auth. */
  serviceNow: { username: string; password: string };
}

export const DEMO_CREDENTIALS: SimulatorCredentials = {
  githubToken: 'ghs_simulator0000000000000000000000000000',
  jira: { email: 'portal@northwind.example', apiToken: 'jira-simulator-token' },
  serviceNow: { username: 'portal', password: 'servicenow-simulator' },
};
