import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { TextArea } from '../../components/field.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useSignedIn } from '../auth/session.tsx';
import type { Message } from './inbox-types.ts';

/**
 * Half-written replies by operator and conversation: opening another conversation and coming back
 * finds the reply as it was left. In memory only, so they end with the tab and no visitor's
 * details stay in the browser's storage.
 */
const drafts = new Map<string, string>();

/** Sends an operator message; Enter sends, Shift+Enter starts a new line. */
export function ReplyBox({
  conversationId,
  onSent,
}: {
  conversationId: string;
  onSent: (m: Message) => void;
}) {
  // Another operator signing in on this tab does not see these drafts.
  const draftKey = `${useSignedIn().operator.id} ${conversationId}`;
  const [content, setTyped] = useState(() => drafts.get(draftKey) ?? '');
  const setContent = (text: string) => {
    setTyped(text);
    if (text) drafts.set(draftKey, text);
    else drafts.delete(draftKey);
  };
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!content.trim() || busy) return;
    setBusy(true);
    setErrors(noErrors);
    try {
      const message = await post<Message>(`/conversations/${conversationId}/messages`, {
        content,
        role: 'operator',
      });
      setContent('');
      onSent(message);
    } catch (error) {
      setErrors(toFormErrors(error, (path) => path === 'content'));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className="reply" onSubmit={send} noValidate>
      <FormMessage error={errors.form} />
      <div className="reply-box">
        <TextArea
          label="Reply as operator"
          rows={2}
          dir="auto"
          value={content}
          onValue={setContent}
          onKeyDown={onKeyDown}
          error={errors.fields.content}
          placeholder="Type a reply… (Enter to send, Shift+Enter for a new line)"
        />
        <button type="submit" className="button-primary" disabled={busy || !content.trim()}>
          Send reply
        </button>
      </div>
    </form>
  );
}
