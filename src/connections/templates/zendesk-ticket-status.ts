import type { ConnectionTemplate } from './connection-template.ts';
import { endpointRef } from './connection-template.ts';

/** Zendesk Support API with API-token auth (`email/token` as the Basic user). */
export const zendeskTicketStatus: ConnectionTemplate = {
  id: 'zendesk-ticket-status',
  name: 'Zendesk ticket status',
  description: 'Tells visitors the status of an existing support ticket, so they do not open duplicates.',
  baseUrlPlaceholder: 'https://your-subdomain.zendesk.com/api/v2',
  inputs: [
    { name: 'email', description: 'Email of the Zendesk agent who owns the API token', secret: false },
    {
      name: 'apiToken',
      description: 'Zendesk API token (Admin Center → Apps and integrations → APIs)',
      secret: true,
    },
  ],
  build: (values) => ({
    auth: { type: 'basic', username: `${values.email}/token`, password: values.apiToken },
    endpoints: [
      {
        key: 'ticket',
        endpoint: {
          name: 'Ticket status',
          method: 'GET',
          path: '/tickets/{ticketId}.json',
          description: 'Returns the status, subject and last update of one support ticket.',
          fields: [{ name: 'ticketId', type: 'integer', required: true, description: 'Ticket number' }],
          validations: [
            {
              input: '',
              compareWith: 'ticket.status',
              type: 'not_empty',
              errorMessage: "I couldn't find that ticket.",
            },
          ],
          responseMapping: [
            { from: 'ticket.status', to: 'ticket_status' },
            { from: 'ticket.subject', to: 'ticket_subject' },
            { from: 'ticket.updated_at', to: 'ticket_updated_at' },
            { from: 'ticket.priority', to: 'ticket_priority' },
          ],
        },
      },
    ],
    rule: {
      name: 'Zendesk ticket status',
      type: 'ai',
      description: 'When the visitor asks about an existing support ticket or request',
      examples: ['Any news on ticket 1234?', 'What is the status of my support request?'],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpointRef('ticket'),
          branches: [
            { status: '404', actions: [{ type: 'REPLY_TEXT', text: "I couldn't find ticket #{ticketId}." }] },
          ],
        },
        { type: 'REPLY_AI', instructions: 'Ticket #{ticketId} ({ticket_subject}) is {ticket_status}.' },
      ],
      stopProcessing: true,
    },
  }),
};
