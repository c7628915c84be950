export { AuditWorkspace } from './AuditWorkspace';
export { AuditWorkspacePage } from './AuditWorkspacePage';
