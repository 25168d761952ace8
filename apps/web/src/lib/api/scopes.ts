// Read-only scopes of the public `/v1` API, the same list the API validates against
// (packages/auth API_KEY_SCOPES); the dashboard does not import backend packages, so it is repeated here.
export const API_KEY_SCOPES: { value: string; description: string }[] = [
  { value: 'account.read', description: 'the organization and this key' },
  { value: 'events.read', description: 'SES events of the organization' },
  { value: 'reports.read', description: 'deliverability and engagement reports' },
  { value: 'domains.read', description: 'domains and identities' },
  { value: 'channels.read', description: 'channels' },
  { value: 'templates.read', description: 'templates' },
  { value: 'suppressions.read', description: 'suppression lists' },
];
