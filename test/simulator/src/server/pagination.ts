import { Request, Response } from 'express';
import { SimulatorContext } from './context';

/**
 * One page of a GitHub list, with the `Link` header GitHub sends (`next`, `last`, `first`, `prev`)
 * so that Octokit's paginate follows it. `per_page` defaults to 30 and is capped at 100, as on
 * github.com.
 */
export function githubPage<T>(
  context: SimulatorContext,
  req: Request,
  res: Response,
  items: T[],
): T[] {
  const perPage = Math.min(
    100,
    Math.max(1, Number(req.query.per_page ?? 30) || 30),
  );
  const page = Math.max(1, Number(req.query.page ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const shift = page > 1 ? context.pageShift({ path: req.path, page }) : 0;
  const start = (page - 1) * perPage - shift;
  const links: string[] = [];
  const url = (p: number) => {
    const target = new URL(req.originalUrl, context.baseUrl());
    target.searchParams.set('page', String(p));
    target.searchParams.set('per_page', String(perPage));
    return target.toString();
  };
  if (page < last)
    links.push(`<${url(page + 1)}>; rel="next"`, `<${url(last)}>; rel="last"`);
  if (page > 1)
    links.push(`<${url(1)}>; rel="first"`, `<${url(page - 1)}>; rel="prev"`);
  if (links.length > 0) res.setHeader('Link', links.join(', '));
  return items.slice(Math.max(0, start), Math.max(0, start) + perPage);
}
