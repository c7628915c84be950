/**
 * Shared vocabulary of the Change Compliance plugins: what the frontend, the backend and the
 * provider modules must agree on.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './health';
export * from './checks';
export * from './api';
export * from './audit';
export * from './runningArtifacts';
export * from './environmentProtection';
export * from './client/ChangeComplianceClient';
