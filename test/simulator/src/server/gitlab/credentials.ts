import { Request, Response } from 'express';

/**
 * The token the simulated GitLab accepts (a personal, project or group access token), sent as
 * GitLab takes one: `PRIVATE-TOKEN: <t>` or `Authorization: Bearer <t>`. It guards nothing real;
 * the demo's `integrations.gitlab` uses the same value.
 */
export const GITLAB_DEMO_TOKEN = 'glpat-simulator000000000000';

export function gitlabAuthorised(req: Request, token: string): boolean {
  const privateToken = req.header('private-token');
  if (privateToken !== undefined) return privateToken === token;
  const bearer = req.header('authorization')?.match(/^bearer\s+(.+)$/i)?.[1];
  return bearer === token;
}

/** GitLab's answer to a missing or wrong token. */
export function gitlabUnauthorised(res: Response) {
  res.status(401).json({ message: '401 Unauthorized' });
}
