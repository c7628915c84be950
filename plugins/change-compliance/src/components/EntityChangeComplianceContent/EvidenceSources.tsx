import { Entity } from '@backstage/catalog-model';
import {
  JIRA_PROJECT_KEY_ANNOTATION,
  SOURCE_PATHS_ANNOTATION,
} from '@change-compliance/plugin-change-compliance-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  REPOSITORY_ANNOTATIONS,
  serviceRepository,
} from '../../compliance/serviceRepository';

/** The community Argo CD plugins' annotation, which the Argo CD module reads as they do. */
const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';

interface EvidenceSource {
  /** The annotation(s) that name it, shown as the row's tooltip. */
  annotation: string;
  label: string;
  value: string | undefined;
  whenMissing: string;
}

function evidenceSources(entity: Entity): EvidenceSource[] {
  const annotations = entity.metadata.annotations ?? {};
  const read = (annotation: string) => ({
    annotation,
    value: annotations[annotation]?.trim() || undefined,
  });
  const repository = serviceRepository(entity);
  return [
    {
      annotation: repository?.annotation ?? REPOSITORY_ANNOTATIONS.join(' or '),
      label:
        repository?.sourceControl === 'gitlab'
          ? 'GitLab project (changes, reviews, deployments)'
          : 'Repository (changes, reviews, deployments)',
      value: repository?.slug,
      whenMissing: 'Not set: no changes can be traced',
    },
    {
      ...read(ARGOCD_APP_NAME_ANNOTATION),
      label: 'Argo CD application (deployments)',
      whenMissing:
        'Not set: deployments come from the repository and pipelines',
    },
    {
      ...read(JIRA_PROJECT_KEY_ANNOTATION),
      label: 'Ticket project',
      whenMissing: 'Not set: ticket keys of every configured project are read',
    },
    {
      ...read(SOURCE_PATHS_ANNOTATION),
      label: 'Paths in a shared repository',
      whenMissing: 'Not set: the whole repository belongs to this service',
    },
  ];
}

/** Where this service's evidence comes from, read from its catalog annotations. */
export function EvidenceSources(props: { entity: Entity }) {
  return (
    <List dense aria-label="Evidence sources">
      {evidenceSources(props.entity).map(source => (
        <ListItem key={source.label} title={source.annotation}>
          <ListItemText
            primary={source.label}
            secondary={source.value || source.whenMissing}
          />
        </ListItem>
      ))}
    </List>
  );
}
