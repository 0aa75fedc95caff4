import type { ConnectionTemplate } from './connection-template.ts';
import { endpointRef } from './connection-template.ts';

/** HubSpot CRM v3 with a private-app token: a contact by email, for lookup-and-route (seed 001). */
export const hubspotContactLookup: ConnectionTemplate = {
  id: 'hubspot-contact-lookup',
  name: 'HubSpot contact lookup',
  description:
    'Finds the visitor in HubSpot by email, so the reply and the routing can use their lifecycle stage.',
  baseUrlPlaceholder: 'https://api.hubapi.com',
  inputs: [{ name: 'accessToken', description: 'HubSpot private app access token (pat-…)', secret: true }],
  build: (values) => ({
    auth: { type: 'bearer', token: values.accessToken },
    endpoints: [
      {
        key: 'contact',
        endpoint: {
          name: 'Contact by email',
          method: 'GET',
          path: '/crm/v3/objects/contacts/{email}',
          queryParams: {
            idProperty: 'email',
            properties: 'email,firstname,lastname,lifecyclestage,hs_lead_status',
          },
          description: "Returns a HubSpot contact's name and lifecycle stage, looked up by email address.",
          fields: [{ name: 'email', type: 'email', required: true, description: 'Your email address' }],
          validations: [
            {
              input: 'email',
              compareWith: 'properties.email',
              type: 'equals_ignore_case',
              errorMessage: "I couldn't find an account with that email.",
            },
          ],
          responseMapping: [
            { from: 'id', to: 'contact_id' },
            { from: 'properties.firstname', to: 'contact_first_name' },
            { from: 'properties.lastname', to: 'contact_last_name' },
            { from: 'properties.lifecyclestage', to: 'contact_lifecycle_stage' },
          ],
        },
      },
    ],
    rule: {
      name: 'HubSpot contact lookup',
      type: 'ai',
      description: 'When the visitor asks about their account or wants to talk to their account manager',
      examples: ['Can I talk to my account manager?', 'Is my account active?'],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpointRef('contact'),
          branches: [
            {
              status: '404',
              actions: [{ type: 'REPLY_TEXT', text: "I couldn't find an account with that email." }],
            },
          ],
        },
        {
          type: 'REPLY_AI',
          instructions: 'Greet {contact_first_name} by name and answer using their lifecycle stage.',
        },
      ],
      stopProcessing: true,
    },
  }),
};
