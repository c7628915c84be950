import Link from '@material-ui/core/Link';
import { ReactNode } from 'react';

/**
 * A link to evidence where it lives upstream (GitHub, Jira, the CI server). It opens apart, so the
 * auditor keeps the opened trace and the page where they were.
 */
export function ExternalLink(props: { href: string; children: ReactNode }) {
  return (
    <Link href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
    </Link>
  );
}
