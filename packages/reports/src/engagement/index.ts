export {
  type DomainEngagement,
  type EngagementBucket,
  type EngagementFigures,
  type EngagementReport,
  engagementReport,
  type TemplatePerformance,
  TOP_DOMAINS,
} from './engagement-report.ts';
