import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code. Invitations gain a stored `expired` status:
// the periodic sweep marks pending invitations past their 7-day window (team/members-and-roles), so
// member lists and the "one pending invitation per email" rule read a plain status.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invitations
      drop constraint invitations_status_check,
      add constraint invitations_status_check
        check (status in ('pending', 'accepted', 'declined', 'revoked', 'expired'))
  `.execute(db);
  // The sweep and the per-email duplicate check look up pending invitations.
  await sql`
    create index invitations_pending_idx on invitations (organization_id, lower(email)) where status = 'pending'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index invitations_pending_idx`.execute(db);
  await sql`update invitations set status = 'revoked' where status = 'expired'`.execute(db);
  await sql`
    alter table invitations
      drop constraint invitations_status_check,
      add constraint invitations_status_check check (status in ('pending', 'accepted', 'declined', 'revoked'))
  `.execute(db);
}
