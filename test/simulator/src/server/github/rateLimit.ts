import { Request, RequestHandler } from 'express';

const HOUR_MS = 3600_000;

/**
 * GitHub's primary rate limit: a budget of requests per token per hour, reported on every answer
 * in `x-ratelimit-*` headers; an exhausted budget is a 403 "API rate limit exceeded" until the
 * reset time. A 304 answer to a conditional request does not count, as on GitHub.
 */
export class GitHubRateLimit {
  private readonly windows = new Map<
    string,
    { resetAt: number; used: number }
  >();

  constructor(private readonly limit: number) {}

  middleware(tokenOf: (req: Request) => string): RequestHandler {
    return (req, res, next) => {
      const token = tokenOf(req);
      const now = Date.now();
      let window = this.windows.get(token);
      if (!window || window.resetAt <= now) {
        window = { resetAt: now + HOUR_MS, used: 0 };
        this.windows.set(token, window);
      }
      const headers = (used: number) => {
        res.setHeader('x-ratelimit-limit', String(this.limit));
        res.setHeader(
          'x-ratelimit-remaining',
          String(Math.max(0, this.limit - used)),
        );
        res.setHeader(
          'x-ratelimit-reset',
          String(Math.ceil(window!.resetAt / 1000)),
        );
        res.setHeader('x-ratelimit-used', String(used));
        res.setHeader('x-ratelimit-resource', 'core');
      };
      // Asking for the rate limit does not count against it, as on GitHub.
      if (req.path === '/rate_limit') {
        headers(window.used);
        next();
        return;
      }
      if (window.used >= this.limit) {
        headers(window.used);
        res.status(403).json({
          message: `API rate limit exceeded for this token.`,
          documentation_url:
            'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
        });
        return;
      }
      window.used += 1;
      headers(window.used);
      const counted = window;
      res.on('finish', () => {
        if (res.statusCode === 304) counted.used -= 1;
      });
      next();
    };
  }
}
