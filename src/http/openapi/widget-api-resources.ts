import { z } from 'zod';
import { widgetPositions } from '../../conversations/widgets/widget.schema.ts';
import { messageResource } from './conversation-resources.ts';
import { uuid } from './envelopes.ts';

/** SPEC §5: what the visitor's side of the Widget API answers. */

export const publicWidgetResource = z.object({
  id: uuid(),
  name: z.string(),
  primaryColor: z.string(),
  position: z.enum(widgetPositions),
  aiEnabled: z.boolean(),
  translationEnabled: z.boolean(),
  originAllowed: z
    .boolean()
    .describe('Whether the requesting page (its Origin) may chat; true when no Origin was sent'),
});

export const startedConversationResource = z.object({
  conversationId: uuid(),
  visitorToken: z.string().describe('Bearer credential of this conversation for the visitor'),
});

export const visitorMessageResource = z.object({ message: messageResource });
