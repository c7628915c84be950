/**
 * Change Compliance backend plugin.
 *
 * @packageDocumentation
 */

export { changeCompliancePlugin as default } from './plugin';
