import { Entity } from '@backstage/catalog-model';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  JIRA_PROJECT_KEY_ANNOTATION,
  SOURCE_PATHS_ANNOTATION,
} from '@change-compliance/plugin-change-compliance-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';

const SOURCES = [
  {
    annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
    label: 'Repository (changes, reviews, deployments)',
    whenMissing: 'Not set: no changes can be traced',
  },
  {
    annotation: JIRA_PROJECT_KEY_ANNOTATION,
    label: 'Ticket project',
    whenMissing: 'Not set: ticket keys of every configured project are read',
  },
  {
    annotation: SOURCE_PATHS_ANNOTATION,
    label: 'Paths in a shared repository',
    whenMissing: 'Not set: the whole repository belongs to this service',
  },
];

/** Where this service's evidence comes from, read from its catalog annotations. */
export function EvidenceSources(props: { entity: Entity }) {
  const annotations = props.entity.metadata.annotations ?? {};
  return (
    <List dense aria-label="Evidence sources">
      {SOURCES.map(source => {
        const value = annotations[source.annotation]?.trim();
        return (
          <ListItem key={source.annotation} title={source.annotation}>
            <ListItemText
              primary={source.label}
              secondary={value || source.whenMissing}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
