'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { EventLog } from '../../../../../components/reports/messages/event-log.tsx';
import { MessageDetailPanel } from '../../../../../components/reports/messages/message-detail-panel.tsx';
import { MessagesList } from '../../../../../components/reports/messages/messages-list.tsx';
import '../../../../../components/reports/messages/messages.css';

const VIEWS = [
  { id: 'messages', label: 'Messages' },
  { id: 'events', label: 'Event Log' },
] as const;

/**
 * `/o/[slug]/reports/messages`: the Messages and Event Log sub-tabs (`view=events`), and the message
 * detail panel (`message` + `recipient`), all in the URL so a view can be shared.
 */
export default function MessagesPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = params.get('view') === 'events' ? 'events' : 'messages';
  const messageId = params.get('message');
  const recipient = params.get('recipient');

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  const open = (row: { messageId: string; recipient: string }) =>
    update({ message: row.messageId, recipient: row.recipient });
  const close = useCallback(() => update({ message: null, recipient: null }), [update]);

  return (
    <>
      <div className="subtabs" role="tablist" aria-label="Messages views">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            aria-selected={view === v.id}
            className="subtab"
            onClick={() => update({ view: v.id === 'messages' ? null : v.id })}
          >
            {v.label}
          </button>
        ))}
      </div>
      {view === 'messages' ? <MessagesList onOpen={open} /> : <EventLog onOpen={open} />}
      {messageId && recipient && (
        <MessageDetailPanel
          messageId={messageId}
          recipient={recipient}
          onClose={close}
          onRecipient={(r) => update({ recipient: r })}
        />
      )}
    </>
  );
}
