/**
 * Extension points of the Change Compliance backend. Backend modules (GitHub, Jira, ServiceNow,
 * deployment events) implement these to feed evidence in; the backend never imports a provider.
 *
 * @packageDocumentation
 */

export * from './artifacts';
export * from './extensions';
export * from './evidence';
export * from './recordedSync';
export * from './inParallel';
export * from './retries';
export * from './upstreamAnswer';
export * from './sink';
export * from './time';
