import { z } from 'zod';
import { nonEmptyPatch } from '../../http/non-empty-patch.ts';

export const widgetPositions = ['bottom-right', 'bottom-left'] as const;

/** An origin exactly as browsers send it in `Origin`: scheme, host and optional port, nothing else. */
export const originSchema = z
  .string()
  .trim()
  .max(300)
  .transform((value, issue) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      issue.addIssue({
        code: 'custom',
        message: `"${value}" is not an origin like https://shop.example.com`,
      });
      return z.NEVER;
    }
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if (!['http:', 'https:'].includes(url.protocol) || !bare || value.endsWith('#') || value.endsWith('?')) {
      issue.addIssue({
        code: 'custom',
        message: `"${value}" must be just scheme://host[:port], like https://shop.example.com`,
      });
      return z.NEVER;
    }
    return url.origin;
  });

const widgetFields = {
  name: z.string().trim().min(1).max(200),
  aiEnabled: z.boolean(),
  translationEnabled: z.boolean(),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #2563eb'),
  position: z.enum(widgetPositions),
  allowedOrigins: z.array(originSchema).max(100),
  isActive: z.boolean(),
};

export const createWidgetSchema = z.object({
  name: widgetFields.name,
  aiEnabled: widgetFields.aiEnabled.optional(),
  translationEnabled: widgetFields.translationEnabled.optional(),
  primaryColor: widgetFields.primaryColor.optional(),
  position: widgetFields.position.optional(),
  allowedOrigins: widgetFields.allowedOrigins.optional(),
  isActive: widgetFields.isActive.optional(),
  identitySecret: z.string().min(16).max(200).nullable().optional(),
});
export type CreateWidgetInput = z.infer<typeof createWidgetSchema>;

export const updateWidgetSchema = nonEmptyPatch({
  name: widgetFields.name.optional(),
  aiEnabled: widgetFields.aiEnabled.optional(),
  translationEnabled: widgetFields.translationEnabled.optional(),
  primaryColor: widgetFields.primaryColor.optional(),
  position: widgetFields.position.optional(),
  allowedOrigins: widgetFields.allowedOrigins.optional(),
  isActive: widgetFields.isActive.optional(),
  /** HMAC-SHA256 key for `Parley.identify({userHash})`; null removes it. Stored encrypted, shown masked. */
  identitySecret: z.string().min(16).max(200).nullable().optional(),
});
export type UpdateWidgetInput = z.infer<typeof updateWidgetSchema>;

export interface Widget {
  id: string;
  name: string;
  isActive: boolean;
  aiEnabled: boolean;
  translationEnabled: boolean;
  primaryColor: string;
  position: (typeof widgetPositions)[number];
  allowedOrigins: string[];
  /** Masked (`****abcd`) or null. */
  identitySecret: string | null;
  createdAt: string;
}
