/** The Reports tabs; each tab's page lives in its folder, its CSV at `/reports/<id>?format=csv`. */
export const REPORT_TABS = [
  { id: 'messages', label: 'Messages' },
  { id: 'deliverability', label: 'Deliverability' },
  { id: 'engagement', label: 'Engagement' },
] as const;
