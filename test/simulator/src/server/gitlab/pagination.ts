import { Request, Response } from 'express';
import { SimulatorContext } from '../context';

/**
 * One page of a GitLab list with GitLab's offset pagination headers: `X-Page`, `X-Per-Page`,
 * `X-Next-Page` and `X-Prev-Page` (empty on the last and first page), `X-Total`,
 * `X-Total-Pages`, and a `Link` header with `next`, `prev`, `first` and `last`. `per_page`
 * defaults to 20 and is capped at 100, as on gitlab.com.
 */
export function gitlabPage<T>(
  context: SimulatorContext,
  req: Request,
  res: Response,
  items: T[],
): T[] {
  const perPage = Math.min(
    100,
    Math.max(1, Number(req.query.per_page ?? 20) || 20),
  );
  const page = Math.max(1, Number(req.query.page ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const shift = page > 1 ? context.pageShift({ path: req.path, page }) : 0;
  const start = Math.max(0, (page - 1) * perPage - shift);
  const url = (p: number) => {
    const target = new URL(req.originalUrl, context.baseUrl());
    target.searchParams.set('page', String(p));
    target.searchParams.set('per_page', String(perPage));
    return target.toString();
  };
  res.setHeader('X-Page', String(page));
  res.setHeader('X-Per-Page', String(perPage));
  res.setHeader('X-Next-Page', page < last ? String(page + 1) : '');
  res.setHeader('X-Prev-Page', page > 1 ? String(page - 1) : '');
  res.setHeader('X-Total', String(items.length));
  res.setHeader('X-Total-Pages', String(last));
  const links: string[] = [];
  if (page > 1) links.push(`<${url(page - 1)}>; rel="prev"`);
  if (page < last) links.push(`<${url(page + 1)}>; rel="next"`);
  links.push(`<${url(1)}>; rel="first"`, `<${url(last)}>; rel="last"`);
  res.setHeader('Link', links.join(', '));
  return items.slice(start, start + perPage);
}
