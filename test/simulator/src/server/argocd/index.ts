export { argoCdAuthorised, argoCdRouter, argoCdUnauthorised } from './router';
export { ARGOCD_DEMO_CREDENTIALS } from './credentials';
export type {
  ArgoCdCredentials,
  ArgoCdInstanceCredentials,
} from './credentials';
export {
  ARGOCD_NAMESPACE,
  DEMO_REVISION_HISTORY_LIMIT,
  renderApplication,
} from './render';
