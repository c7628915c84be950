export { EntityChangeComplianceOverviewCard } from './EntityChangeComplianceOverviewCard';
