'use client';

import { AccountSection } from '../../../../components/profile/account-section.tsx';
import { ConnectionsSection } from '../../../../components/profile/connections-section.tsx';
import { InvitationsSection } from '../../../../components/profile/invitations-section.tsx';
import { MfaSection } from '../../../../components/profile/mfa-section.tsx';
import { PreferencesSection } from '../../../../components/profile/preferences-section.tsx';

/** Personal settings; they follow the user into every organization. */
export default function ProfilePage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Profile</h1>
          <p>Your personal account. These settings do not affect other members.</p>
        </div>
      </div>
      <div className="stack" style={{ maxWidth: 860 }}>
        <AccountSection />
        <InvitationsSection />
        <MfaSection />
        <PreferencesSection />
        <ConnectionsSection />
      </div>
    </>
  );
}
